package npc.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a run's findings as a regulator: the API's answer kept as it came, and an npc that does not serve
 * findings yet scored as zero findings with a warning, never silently.
 */
class RunFindingsTest {

  private static final String FINDINGS = "[{\"carrier\":\"CM\",\"rule\":\"ELIGIBILITY_CONTRADICTION\"},"
      + "{\"carrier\":\"CM\",\"rule\":\"ELIGIBILITY_CONTRADICTION\"},{\"carrier\":\"CU\",\"rule\":\"SILENCE\"}]";

  @TempDir
  Path out;
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
  private HttpServer api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop(0);
    }
  }

  @Test
  void theFindingsAreWrittenExactlyAsTheApiReturnedThemWithTheRegulatorsToken() throws Exception {
    String http = serve(200, FINDINGS);

    Optional<String> findings = RunFindings.read(http, token("secret"), out, warn());

    assertThat(findings).contains(FINDINGS);
    assertThat(Files.readString(out.resolve("findings.json"))).isEqualTo(FINDINGS);
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void findingsOfARoundThatEndedBeforeTheRunAreReadAgainUntilARoundJudgedTheRunsEnd() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/api/v1/findings", exchange -> {
      boolean first = asked.getAndIncrement() == 0;
      byte[] bytes = (first ? "[]" : FINDINGS).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Npc-Findings-Through",
          Instant.now().plus(first ? Duration.ofMinutes(-1) : Duration.ofMinutes(1)).toString());
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    api.start();

    Optional<String> findings = RunFindings.read("http://127.0.0.1:" + api.getAddress().getPort(), token("secret"),
        out, warn());

    assertThat(asked).hasValue(2);
    assertThat(findings).contains(FINDINGS);
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anNpcThatDoesNotServeFindingsGivesNoneAndAWarningNaming404() throws Exception {
    String http = serve(404, "not found");

    Optional<String> findings = RunFindings.read(http, token("secret"), out, warn());

    assertThat(findings).isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("warning:", "404", "zero findings");
    assertThat(out.resolve("findings.json")).doesNotExist();
  }

  @Test
  void anNpcThatWroteNoRegulatorTokenGivesNoneAndAWarning() throws Exception {
    Optional<String> findings = RunFindings.read("http://127.0.0.1:9", out.resolve("regulator.token"), out, warn());

    assertThat(findings).isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("warning:", "no regulator token");
  }

  @Test
  void aRefusedTokenIsAnErrorNotZeroFindings() throws Exception {
    String http = serve(401, "{\"title\":\"Unauthorized\"}");

    assertThatThrownBy(() -> RunFindings.read(http, token("wrong"), out, warn())).isInstanceOf(IOException.class)
        .hasMessageContaining("401");
  }

  @Test
  void theFindingsArePrintedOneLinePerCarrierAndRuleWithTheirCount() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    RunFindings.print(Optional.of(FINDINGS), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "finding: carrier=CM rule=ELIGIBILITY_CONTRADICTION count=2", "finding: carrier=CU rule=SILENCE count=1");
  }

  @Test
  void theDashboardIsTheServicesHttpAddressEndingInASlash() {
    assertThat(DemoMain.dashboard("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/");
    assertThat(DemoMain.dashboard("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/");
  }

  private PrintStream warn() {
    return new PrintStream(warnings, true, StandardCharsets.UTF_8);
  }

  private Path token(String secret) throws IOException {
    return Files.writeString(out.resolve("regulator.token"), secret + "\n");
  }

  /** A stand-in for the HTTP API: answers {@code /api/v1/findings} with {@code status} to the bearer "secret". */
  private String serve(int status, String body) throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/api/v1/findings", exchange -> {
      boolean bearer = "Bearer secret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(bearer ? status : 401, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    api.start();
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }
}
