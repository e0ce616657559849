package npc.ops.cli;

import npc.ops.security.Role;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;

/**
 * The command line's HTTP client of the running service: sends one request with the bearer token, and turns every
 * way it can fail into an {@link ApiCallException} carrying the message and the documented exit code, so that each
 * command only says what it prints on success.
 */
final class ApiClient {
  /** The service refused the request (400, 404, 409, 413): the input or the id is at fault. */
  static final int REFUSED = 1;
  /** The service cannot be reached, or failed (5xx). */
  static final int UNAVAILABLE = 3;
  /** No usable token: the file is missing or unreadable, or the service answered 401 or 403. */
  static final int NOT_AUTHORIZED = 4;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client with the token of {@code --token}, or else the development token of {@code role}. */
  static ApiClient of(ApiOptions options, Role role) {
    try {
      return new ApiClient(options.http, Files.readString(options.tokenFile(role), StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      throw new ApiCallException(NOT_AUTHORIZED, "no token file " + options.tokenFile(role) + " (--token FILE; "
          + "the first 'npc start' writes the development tokens)");
    } catch (IOException e) {
      throw new ApiCallException(NOT_AUTHORIZED, "cannot read the token file " + options.tokenFile(role) + ": "
          + e.getMessage());
    }
  }

  /** Sends the request and reads a successful answer's JSON body as {@code type}. */
  <T> T call(String method, String path, Object body, Argument<T> type) {
    ObjectMapper json = ObjectMapper.getDefault();
    try {
      return json.readValue(send(method, path, body, "application/json"), type);
    } catch (IOException e) {
      throw new ApiCallException(UNAVAILABLE, "the service at " + base + " answered what is not JSON: " + e);
    }
  }

  /** GETs {@code path} accepting {@code mediaType} and returns a successful answer's body as it came. */
  String text(String path, String mediaType) {
    return send("GET", path, null, mediaType);
  }

  private String send(String method, String path, Object body, String accept) {
    ObjectMapper json = ObjectMapper.getDefault();
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
          .header("Authorization", "Bearer " + token).header("Accept", accept);
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw refusal(response, json);
      }
      return response.body();
    } catch (ConnectException e) {
      throw new ApiCallException(UNAVAILABLE, "cannot reach the service at " + base + " (is 'npc start' running? "
          + "--http URL)");
    } catch (IOException e) {
      throw new ApiCallException(UNAVAILABLE, "the service at " + base + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiCallException(UNAVAILABLE, "interrupted");
    }
  }

  private static ApiCallException refusal(HttpResponse<String> response, ObjectMapper json) {
    int status = response.statusCode();
    String detail;
    try {
      Map<String, Object> problem = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
      detail = problem.getOrDefault("detail", problem.getOrDefault("title", "")) + (problem.get("field") == null
          ? "" : " (field " + problem.get("field") + ")");
    } catch (IOException | RuntimeException notAProblem) {
      detail = response.body();
    }
    int code = status == 401 || status == 403 ? NOT_AUTHORIZED : status >= 500 ? UNAVAILABLE : REFUSED;
    return new ApiCallException(code, status + ": " + detail);
  }

  /** A call that failed, with what to print and the exit code. */
  static final class ApiCallException extends RuntimeException {
    final int exitCode;

    ApiCallException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
