package npc.ops.api;

import io.micronaut.http.HttpStatus;

/**
 * A refusal a controller decides on (unknown id, invalid field, conflicting state), answered as a {@link Problem}
 * by {@link ProblemExceptionHandler}. Thrown before anything was changed, so the state stays as it was.
 */
public final class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String field;

  private ApiException(HttpStatus status, String detail, String field) {
    super(detail);
    this.status = status;
    this.field = field;
  }

  /** 404: {@code what} (e.g. "token 0123abcd4567") does not exist, or is not the caller's to see. */
  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " does not exist", null);
  }

  /** 400 naming the field at fault. */
  public static ApiException invalid(String field, String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail, field);
  }

  /** 409: the request conflicts with the state of what it names. */
  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, detail, null);
  }

  public Problem problem() {
    return Problems.of(status, getMessage(), field);
  }
}
