package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import npc.audit.chain.ChainAppender;
import npc.audit.findings.FindingsRunner;
import npc.audit.record.AuditRecord;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * The findings the service's rounds keep, as a regulator reads them: refusals appended to the service's own chain
 * become a finding at the next round, served with its rule, period, severity, summary and evidence; bad queries are
 * refused naming the field.
 */
class FindingsApiIT {
  private final RunningService service = RunningService.get();

  @Test
  void aFindingOfTheServicesRoundIsServedWithItsEvidence() {
    ChainAppender chain = service.context.getBean(ChainAppender.class);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CompletableFuture<?>[] appended = new CompletableFuture<?>[3];
    for (int i = 0; i < 3; i++) {
      appended[i] = chain.append(AuditRecord.of(UUID.randomUUID(), now, "REFUSED_OFF_LIST_REASON")
          .withActor("CBN").withSubject("api-p" + i, "+8619200000" + i)
          .withReason("CUSTOMER_LOYALTY", Map.of("refusal", "REASON_NOT_ON_LIST")));
    }
    CompletableFuture.allOf(appended).join();
    service.context.getBean(FindingsRunner.class).run();

    HttpResponse<String> found = service.get("/api/v1/findings?carrier=CBN&rule=OFF_LIST_REASON",
        service.developmentToken(Role.REGULATOR));

    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    assertThat(found.body()).startsWith("[{").contains("\"carrier\":\"CBN\"", "\"rule\":\"OFF_LIST_REASON\"",
        "\"severity\":", "\"summary\":\"", "\"evidence\":[{\"chain\":\"" + chain.chainId() + "\",\"position\":",
        "\"subjects\":[", "api-p0", "api-p2", "\"from\":", "\"to\":");
    HttpResponse<String> other = service.get("/api/v1/findings?carrier=CM", service.developmentToken(Role.OPERATOR));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).doesNotContain("CBN");
    HttpResponse<String> signals = service.get("/api/v1/signals", service.developmentToken(Role.REGULATOR));
    assertThat(signals.statusCode()).as(signals.body()).isEqualTo(200);
    assertThat(signals.body()).startsWith("[");
  }

  @Test
  void anUnknownRuleABadInstantOrAnEmptyPeriodIs400NamingTheFieldAndAnUnknownCarrier404() {
    String token = service.developmentToken(Role.REGULATOR);
    assertProblem(service.get("/api/v1/findings?rule=FRAUD", token), 400, "\"field\":\"rule\"");
    assertProblem(service.get("/api/v1/findings?from=yesterday", token), 400, "\"field\":\"from\"");
    assertProblem(service.get("/api/v1/findings?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", token), 400,
        "\"field\":\"from\"");
    assertProblem(service.get("/api/v1/findings?carrier=cm", token), 400, "\"field\":\"carrier\"");
    assertProblem(service.get("/api/v1/findings?carrier=XX", token), 404, "XX");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String contains) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains(contains);
  }
}
