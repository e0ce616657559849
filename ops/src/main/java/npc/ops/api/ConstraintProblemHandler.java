package npc.ops.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Bean Validation's refusals as a 400 {@link Problem} naming the field at fault: the last node of the violated path
 * ({@code create.request.role} is {@code role}, a path variable its own name). With several violations, the first
 * field in name order is named and every message is in the detail, so the answer does not vary from run to run.
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
  private final Problems problems;

  ConstraintProblemHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
    var violations = exception.getConstraintViolations().stream()
        .sorted(Comparator.comparing(ConstraintProblemHandler::field)).toList();
    String detail = violations.stream().map(v -> field(v) + ": " + v.getMessage())
        .collect(Collectors.joining("; "));
    String field = violations.isEmpty() ? null : field(violations.get(0));
    return problems.response(Problems.of(HttpStatus.BAD_REQUEST, detail, field));
  }

  private static String field(ConstraintViolation<?> violation) {
    String name = null;
    for (Path.Node node : violation.getPropertyPath()) {
      name = node.getName();
    }
    return name == null ? "" : name;
  }
}
