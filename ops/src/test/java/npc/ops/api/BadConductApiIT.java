package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import npc.audit.detect.EntryRef;
import npc.audit.detect.Finding;
import npc.audit.detect.FindingsJson;
import npc.audit.detect.Rule;
import npc.audit.detect.Severity;
import npc.audit.findings.FindingStore;
import npc.audit.findings.KeptFinding;
import npc.audit.record.AuditEntry;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * A regulator confirms a finding the findings round kept (stored here through the same store, as a round would),
 * once: the confirmation is an audit entry, and the bad-conduct list then names the carrier and the channel its
 * ports came through, with the finding's evidence, as JSON and as a printable page. A second confirmation is 409,
 * an unknown finding 404.
 */
class BadConductApiIT {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Sun Yue", "110101199909091234");
  private final RunningService service = RunningService.get();
  private final String regulator = service.developmentToken(Role.REGULATOR);

  @Test
  void aConfirmedFindingPutsItsCarrierAndChannelOnTheListWithItsEvidence() {
    String channel = "app:bulk-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> ports = List.of(openPort("13900000401", channel), openPort("13900000402", channel));
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    EntryRef first = new EntryRef("it-chain", 4100 + (System.nanoTime() & 0xfff));
    Finding finding = new Finding("CU", Rule.BULK_CHANNEL, to.minusSeconds(3600), to, Severity.LOW,
        "CU submitted 1 burst(s) of ports from one channel", List.of(first, new EntryRef("it-chain", 9999)), ports);
    service.context.getBean(FindingStore.class).save(List.of(new KeptFinding("CU", "BULK_CHANNEL", "finding",
        first.toString(), finding.from(), finding.to(), to, FindingsJson.line(finding))));
    String id = "CU:BULK_CHANNEL:it-chain:" + first.position();

    HttpResponse<String> listed = service.get("/api/v1/findings?carrier=CU&rule=BULK_CHANNEL&from="
        + to.minusSeconds(7200) + "&to=" + to.plusSeconds(1), regulator);
    assertThat(listed.body()).as("the findings API gives the id to confirm").contains("\"id\":\"" + id + "\"");
    assertThat(service.get("/api/v1/bad-conduct", regulator).body()).doesNotContain(id);

    HttpResponse<String> confirmed = service.send("POST", "/api/v1/findings/" + id + "/confirmation", regulator,
        "{\"note\":\"decision 2026-17\"}");
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
    HttpResponse<String> again = service.send("POST", "/api/v1/findings/" + id + "/confirmation", regulator, "{}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(service.send("POST", "/api/v1/findings/CU:BULK_CHANNEL:it-chain:1/confirmation", regulator, "{}")
        .statusCode()).isEqualTo(404);

    AuditEntry entry = service.auditEntries().stream()
        .filter(r -> id.equals(r.record().subject().orElse(null))).findFirst()
        .orElseThrow(() -> new AssertionError("no entry for the confirmation of " + id));
    assertThat(entry.record().kind()).isEqualTo("FINDING_CONFIRMED");
    assertThat(entry.record().actor().orElse(null)).startsWith("REGULATOR:");
    assertThat(entry.record().evidence()).containsEntry("channel", channel)
        .containsEntry("note", "decision 2026-17");

    HttpResponse<String> list = service.get("/api/v1/bad-conduct", service.developmentToken(Role.OPERATOR));
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains("\"carrier\":\"CU\"", "\"channel\":\"" + channel + "\"", "\"id\":\"" + id + "\"",
        "\"chain\":\"it-chain\"", "\"position\":" + first.position(), ports.get(0), "decision 2026-17");
    HttpResponse<String> page = service.get("/api/v1/bad-conduct.html", regulator);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
    assertThat(page.body()).contains("不良名单", channel, id, "it-chain#" + first.position(), ports.get(1));
  }

  private String openPort(String number, String channel) {
    PortingService porting = service.context.getBean(PortingService.class);
    String code = porting.issueCode(new CarrierId("CM"), number, SUBSCRIBER).value().code();
    PortOutcome outcome = porting.submit(new SubmitPort(new CarrierId("CU"), "conduct-" + number, number,
        "o-" + number, channel, SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    return ((PortOutcome.Opened) outcome).port().id().toString();
  }
}
