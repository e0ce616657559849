package npc.ops.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Security's refusals as {@link Problem}s: 401 with {@code WWW-Authenticate: Bearer} when the request has no valid
 * token (missing, malformed, unknown or revoked: the answer does not tell which, so it helps no guesser), 403 when
 * the token's role may not use the route. Never a redirect: the API has no login page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class ProblemAuthorizationHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {
  private final Problems problems;

  ProblemAuthorizationHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    return problems.response(exception.isForbidden()
        ? Problems.of(HttpStatus.FORBIDDEN, "the token's role may not " + request.getMethodName() + " "
            + request.getPath(), null)
        : Problems.of(HttpStatus.UNAUTHORIZED, "a valid bearer token is needed (Authorization: Bearer npc_...)",
            null));
  }
}
