package npc.ops.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a controller's {@link ApiException} with its problem. */
@Singleton
final class ProblemExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {
  private final Problems problems;

  ProblemExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
    return problems.response(exception.problem());
  }
}
