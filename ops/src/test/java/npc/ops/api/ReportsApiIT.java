package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.audit.chain.ChainAppender;
import npc.audit.detect.VerifiedEntries;
import npc.audit.record.AuditRecord;
import npc.audit.sign.AuditPublicKey;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A carrier's report over HTTP in each format and through {@code ./npc report}, from entries of the service's own
 * chain (with the evidence the core writes: an answer's parties and {@code openedAt}), folded into the daily figures
 * when the report is asked for; the export of the same period, streamed, verifies under the key the service serves, and holds those
 * entries; the checkpoints are served. Bad input is 400 naming the field, an unknown carrier 404.
 */
class ReportsApiIT {
  /** A period of its own, long past, so that no other test's entries fall in it. */
  private static final String PERIOD = "from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z";
  private static RunningService service;
  private static String regulator;

  @BeforeAll
  static void entries() {
    service = RunningService.get();
    regulator = service.developmentToken(Role.REGULATOR);
    ChainAppender chain = service.context.getBean(ChainAppender.class);
    Instant opened = Instant.parse("2025-03-01T10:00:00Z");
    for (int i = 0; i < 2; i++) {
      chain.append(AuditRecord.of(UUID.randomUUID(), opened.plusSeconds(i), "PORT_OPENED").withActor("CU")
          .withSubject("report-p" + i, "+861390000040" + i).withEvidence(Map.of("donor", "CT", "recipient", "CU")))
          .toCompletableFuture().join();
    }
    chain.append(AuditRecord.of(UUID.randomUUID(), opened.plusSeconds(300), "PORT_REJECTED_BY_DONOR").withActor("CT")
        .withSubject("report-p0", "+8613900000400").withReason("UNPAID_CHARGES", Map.of("amount", "1200",
            "donor", "CT", "recipient", "CU", "openedAt", opened.toString())))
        .toCompletableFuture().join();
    chain.append(AuditRecord.of(UUID.randomUUID(), opened.plusSeconds(61), "PORT_ACCEPTED").withActor("CT")
        .withSubject("report-p1", "+8613900000401").withEvidence(Map.of("donor", "CT", "recipient", "CU",
            "openedAt", opened.plusSeconds(1).toString()))).toCompletableFuture().join();
  }

  @Test
  void aReportIsServedAsJsonCsvAndAPrintablePage() {
    HttpResponse<String> json = service.get("/api/v1/reports/CT?" + PERIOD, regulator);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    assertThat(json.body()).contains("\"carrier\":\"CT\"", "\"from\":\"2025-03-01T00:00:00Z\"",
        "\"rejectionReasons\":{\"UNPAID_CHARGES\":1}", "\"PORT_ACCEPTED\":1", "\"PORT_OPENED\":2",
        "\"portAnswerMillis\":{\"count\":2,");
    HttpResponse<String> csv = service.get("/api/v1/reports/CT?format=csv&" + PERIOD, regulator);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("section,name,value\n").contains("rejection-reason,UNPAID_CHARGES,1\n",
        "port-answer-millis,max,300000\n");
    HttpResponse<String> html = service.get("/api/v1/reports/CT?format=html&" + PERIOD, regulator);
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<h1>Carrier CT</h1>",
        "<tr><th>UNPAID_CHARGES</th><td>1</td></tr>", "@media print");
  }

  @Test
  void npcReportPrintsTheServicesReport() {
    Cli.Run csv = Cli.run("report", "--carrier", "CT", "--from", "2025-03-01T00:00:00Z", "--to",
        "2025-03-02T00:00:00Z", "--format", "csv", "--http", service.base.toString(), "--token",
        DevelopmentTokens.file(service.tokensDir, Role.REGULATOR).toString());
    assertThat(csv.code()).as(csv.err()).isZero();
    assertThat(csv.out()).isEqualTo(service.get("/api/v1/reports/CT?format=csv&" + PERIOD, regulator).body());
    Cli.Run unknown = Cli.run("report", "--carrier", "XX", "--from", "2025-03-01T00:00:00Z", "--to",
        "2025-03-02T00:00:00Z", "--http", service.base.toString(), "--token",
        DevelopmentTokens.file(service.tokensDir, Role.REGULATOR).toString());
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("404", "XX");
    Cli.Run operator = Cli.asOperator(service, "report", "--carrier", "CT", "--from", "2025-03-01T00:00:00Z",
        "--to", "2025-03-02T00:00:00Z");
    assertThat(operator.code()).as("an operator's token is refused 403").isEqualTo(4);
    assertThat(Cli.run("report", "--help").out()).contains("--carrier", "--format", "Exit codes");
  }

  @Test
  void theExportOfThePeriodVerifiesUnderTheServedKeyAndHoldsItsEntries() throws Exception {
    HttpResponse<String> key = service.get("/api/v1/audit/key", regulator);
    assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
    HttpResponse<String> export = service.get("/api/v1/audit/export?" + PERIOD, regulator);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/x-ndjson"));
    VerifiedEntries read = VerifiedEntries.read(new StringReader(export.body()), AuditPublicKey.parse(key.body()));
    assertThat(read.result().ok()).as(read.result().message()).isTrue();
    assertThat(read.entries().stream().map(e -> e.record().subject().orElse("")).toList())
        .contains("report-p0", "report-p1");
    List<String> lines = export.body().lines().toList();
    assertThat(lines.get(0)).contains("\"type\":\"header\"");
    assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"end\"");
    HttpResponse<String> checkpoints = service.get("/api/v1/audit/checkpoints", regulator);
    assertThat(checkpoints.statusCode()).as(checkpoints.body()).isEqualTo(200);
    assertThat(checkpoints.body()).contains("\"chain\":\"" + service.context.getBean(ChainAppender.class).chainId());
  }

  @Test
  void badInputIs400NamingTheFieldAndAnUnknownCarrierOrChain404() {
    assertProblem(service.get("/api/v1/reports/CT?format=pdf&" + PERIOD, regulator), 400, "\"field\":\"format\"");
    assertProblem(service.get("/api/v1/reports/CT?from=yesterday", regulator), 400, "\"field\":\"from\"");
    assertProblem(service.get("/api/v1/reports/XX?" + PERIOD, regulator), 404, "XX");
    assertProblem(service.get("/api/v1/reports/cm?" + PERIOD, regulator), 400, "\"field\":\"carrier\"");
    assertProblem(service.get("/api/v1/audit/export?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", regulator),
        400, "\"field\":\"from\"");
    assertProblem(service.get("/api/v1/audit/export?from=2025-03-01T00:00:00.0001Z&to=2025-03-02T00:00:00Z",
        regulator), 400, "\"field\":\"from\"");
    assertProblem(service.get("/api/v1/audit/checkpoints?chain=nowhere", regulator), 404, "nowhere");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String contains) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains(contains);
  }
}
