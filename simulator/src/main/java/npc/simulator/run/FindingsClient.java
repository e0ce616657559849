package npc.simulator.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code GET /api/v1/findings} with a bearer token, as a regulator would. */
final class FindingsClient {

  private FindingsClient() {}

  /**
   * The findings as the API returned them, and the end of the service's last findings round when it says
   * ({@code Npc-Findings-Through}): what was recorded before that moment is judged in them.
   */
  record Findings(String json, Optional<Instant> through) {}

  /**
   * The findings as the API returns them, or empty when it answers 404: an npc that does not serve findings yet.
   *
   * @throws IOException when the service cannot be reached or answers anything but 200 or 404
   */
  static Optional<Findings> fetch(String baseUrl, String token) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/findings"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Accept", "application/json").GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v1/findings answered " + response.statusCode() + ": " + response.body());
    }
    Optional<Instant> through;
    try {
      through = response.headers().firstValue("Npc-Findings-Through").map(Instant::parse);
    } catch (DateTimeParseException e) {
      through = Optional.empty();
    }
    return Optional.of(new Findings(response.body(), through));
  }
}
