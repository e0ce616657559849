package npc.ops.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import npc.ops.api.Problems;
import npc.ops.security.Caller;

/**
 * Records the API's reads and refusals ({@link AccessEntries}) after the response, whatever answered it: a
 * controller, security (401, 403), the router (404). Ordered first ({@code ServerFilterPhase.FIRST}), outside
 * security, so that it sees security's refusals and, once security has run, the caller. A request is served only
 * if a place for its entry was reserved ({@link AccessLog#reserve}); otherwise it is refused 503 before anything is
 * read or changed.
 */
@ServerFilter("/api/**")
@Order(-1000) // ServerFilterPhase.FIRST: outside security
final class AccessAuditFilter {
  private static final String RESERVED = "npc.access.reserved";

  private final AccessLog log;
  private final Problems problems;
  private final Clock clock = Clock.systemUTC();

  AccessAuditFilter(AccessLog log, Problems problems) {
    this.log = log;
    this.problems = problems;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> admit(HttpRequest<?> request) {
    if (!log.reserve()) {
      return problems.response(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "the audit record is not taking entries "
          + "now, and every request to the API is one: ask again later", null));
    }
    request.setAttribute(RESERVED, clock.instant());
    return null;
  }

  @ResponseFilter
  void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Optional<Instant> at = request.getAttribute(RESERVED, Instant.class);
    if (at.isEmpty()) {
      return;
    }
    request.removeAttribute(RESERVED, Instant.class);
    Optional<Caller> caller = request.getUserPrincipal(Authentication.class).map(Caller::of);
    AccessEntries.of(request.getMethodName(), request.getPath(), Optional.ofNullable(request.getUri().getRawQuery()),
        response.code(), caller, at.get()).ifPresentOrElse(log::append, log::release);
  }
}
