package npc.simulator.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads {@code GET /api/v1/findings} with a bearer token, as a regulator would. */
final class FindingsClient {

  private FindingsClient() {}

  /**
   * The findings as the API returns them, or empty when it answers 404: an npc that does not serve findings yet.
   *
   * @throws IOException when the service cannot be reached or answers anything but 200 or 404
   */
  static Optional<String> fetch(String baseUrl, String token) throws IOException, InterruptedException {
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
    return Optional.of(response.body());
  }
}
