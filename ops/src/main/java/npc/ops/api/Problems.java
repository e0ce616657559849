package npc.ops.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a {@link Problem} as the response every refusal of the API gets, whichever part refused: a controller
 * ({@link ApiException}), validation, security, the router or the body-size limit.
 */
@Singleton
public final class Problems {
  private final JsonMapper json;

  Problems(JsonMapper json) {
    this.json = json;
  }

  /** The problem for {@code status}, its type derived from the status. */
  public static Problem of(HttpStatus status, String detail, String field) {
    return new Problem(Problem.TYPE_PREFIX + kind(status, field), status.getReason(), status.getCode(), detail,
        field);
  }

  public MutableHttpResponse<String> response(Problem problem) {
    try {
      MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(problem.status()))
          .body(json.writeValueAsString(problem))
          .contentType(Problem.MEDIA_TYPE);
      if (problem.status() == HttpStatus.UNAUTHORIZED.getCode()) {
        response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kind(HttpStatus status, String field) {
    return switch (status) {
      case BAD_REQUEST -> field != null ? "invalid-input" : "bad-request";
      case UNAUTHORIZED -> "unauthenticated";
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not-found";
      case METHOD_NOT_ALLOWED -> "method-not-allowed";
      case CONFLICT -> "conflict";
      case REQUEST_ENTITY_TOO_LARGE -> "too-large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
      default -> status.getCode() >= 500 ? "internal" : "status-" + status.getCode();
    };
  }
}
