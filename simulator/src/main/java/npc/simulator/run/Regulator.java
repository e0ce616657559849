package npc.simulator.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regulator of a simulated complaint, over the HTTP API with a regulator's token: it records the subscriber's
 * complaint against a port's rejection ({@code POST /api/v1/complaints}), then decides it by the truth the simulator
 * knows ({@code POST /api/v1/complaints/{id}/decision}): upheld when the subscriber did not have the condition the
 * donor cited. An upheld complaint is what the audit's {@code UPHELD_COMPLAINT} rule counts.
 */
final class Regulator {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final Metrics metrics;

  private Regulator(String base, String token, Metrics metrics) {
    this.base = base.replaceAll("/+$", "") + "/api/v1/complaints";
    this.token = token;
    this.metrics = metrics;
  }

  /** A regulator at {@code http} with the token in {@code tokenFile}. */
  static Regulator of(String http, Path tokenFile, Metrics metrics) throws IOException {
    return new Regulator(http, Files.readString(tokenFile).strip(), metrics);
  }

  /**
   * Records a complaint about port {@code port}'s rejection by {@code against} for {@code reason}, then its outcome.
   * Counted as {@code complaints_upheld} or {@code complaints_dismissed} once decided, or
   * {@code complaints_failed_<status>} when the API refused either step.
   */
  CompletableFuture<Void> complain(String port, String against, String reason, boolean upheld) {
    String complaint = "{\"port\":\"" + port + "\",\"against\":\"" + against + "\",\"reason\":\"" + reason
        + "\",\"note\":\"simulated subscriber\"}";
    return post(base, complaint).thenCompose(created -> {
      Matcher id = ID.matcher(created);
      if (!id.find()) {
        throw new IllegalStateException("no complaint id in " + created);
      }
      String decision = "{\"outcome\":\"" + (upheld ? "UPHELD" : "DISMISSED") + "\",\"note\":\"by the truth\"}";
      return post(base + "/" + id.group(1) + "/decision", decision);
    }).handle((ok, failure) -> {
      metrics.count(failure == null ? (upheld ? "complaints_upheld" : "complaints_dismissed")
          : "complaints_failed_" + cause(failure));
      return null;
    });
  }

  private CompletableFuture<String> post(String url, String json) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      if (response.statusCode() / 100 != 2) {
        throw new Refused(response.statusCode());
      }
      return response.body();
    });
  }

  private static String cause(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof Refused refused ? Integer.toString(refused.status) : cause.getClass().getSimpleName();
  }

  /** The API answered a status other than 2xx. */
  private static final class Refused extends RuntimeException {
    final int status;

    Refused(int status) {
      super("HTTP " + status, null, false, false);
      this.status = status;
    }
  }
}
