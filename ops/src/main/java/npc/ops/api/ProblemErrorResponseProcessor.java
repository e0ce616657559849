package npc.ops.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Micronaut's own refusals (no such route, a body that cannot be read, a constraint violated, a body over
 * {@code micronaut.server.max-request-size}, an error nobody handled) as {@link Problem}s, instead of Micronaut's
 * JSON error format: a client of the API meets one error format only. For a validation error, {@code field} is the
 * last element of the violated path ({@code create.request.role} gives {@code role}).
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<String> {
  private final Problems problems;

  ProblemErrorResponseProcessor(Problems problems) {
    this.problems = problems;
  }

  @Override
  public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
    HttpStatus status = base.getStatus();
    String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    if (detail.isEmpty()) {
      detail = context.getRootCause().map(Throwable::getMessage).orElse(status.getReason());
    }
    if (status.getCode() >= 500) {
      detail = "the service failed to answer; its log says why"; // never internal details to a client
    }
    String field = context.getErrors().stream().map(Error::getPath).flatMap(Optional::stream).findFirst()
        .map(path -> path.substring(path.lastIndexOf('.') + 1)).orElse(null);
    MutableHttpResponse<String> response = problems.response(Problems.of(status, detail, field));
    base.getHeaders().forEach((name, values) -> {
      if (!response.getHeaders().contains(name)) {
        values.forEach(value -> response.header(name, value));
      }
    });
    return response;
  }
}
