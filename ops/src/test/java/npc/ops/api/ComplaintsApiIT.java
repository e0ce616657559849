package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
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
 * A regulator records a subscriber's complaint about a port and decides it once; both are entries of the audit
 * record (what {@code UPHELD_COMPLAINT} reads), the complaint names its port and the port lists its complaints. A
 * complaint about a port that does not exist is 404, against a carrier not of the port 400 naming the field, a
 * second decision 409 with the first one kept.
 */
class ComplaintsApiIT {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Li Na", "110101199203041234");
  private final RunningService service = RunningService.get();

  @Test
  void aComplaintIsRecordedDecidedOnceAndBothAreInTheAuditRecord() {
    UUID port = openPort("13900000101");
    String token = service.developmentToken(Role.REGULATOR);

    HttpResponse<String> recorded = service.send("POST", "/api/v1/complaints", token,
        "{\"port\":\"" + port + "\",\"against\":\"CM\",\"reason\":\"UNPAID_CHARGES\",\"note\":\"paid in full\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    String id = recorded.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
    assertThat(recorded.body()).contains("\"against\":\"CM\"", "\"about\":\"PORT_REJECTED_BY_DONOR\"",
        "\"port\":\"" + port + "\"");

    HttpResponse<String> ofPort = service.get("/api/v1/complaints?port=" + port, token);
    assertThat(ofPort.body()).contains("\"id\":\"" + id + "\"");
    HttpResponse<String> upheld = service.send("POST", "/api/v1/complaints/" + id + "/decision", token,
        "{\"outcome\":\"UPHELD\",\"note\":\"bill was paid before the rejection\"}");
    assertThat(upheld.statusCode()).as(upheld.body()).isEqualTo(200);
    assertThat(upheld.body()).contains("\"outcome\":\"UPHELD\"");
    HttpResponse<String> again = service.send("POST", "/api/v1/complaints/" + id + "/decision", token,
        "{\"outcome\":\"DISMISSED\"}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(service.get("/api/v1/complaints/" + id, token).body()).contains("\"outcome\":\"UPHELD\"");

    List<String> kinds = entriesAbout(id);
    assertThat(kinds).as("audit entries of the complaint").containsOnly("COMPLAINT_RECORDED", "COMPLAINT_DECIDED")
        .contains("COMPLAINT_RECORDED", "COMPLAINT_DECIDED");
  }

  @Test
  void anUnknownPortIs404ACarrierNotOfThePort400AndAnUnknownComplaint404() {
    String token = service.developmentToken(Role.REGULATOR);
    UUID port = openPort("13900000102");
    HttpResponse<String> unknown = service.send("POST", "/api/v1/complaints", token,
        "{\"port\":\"" + UUID.randomUUID() + "\",\"against\":\"CM\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    HttpResponse<String> notAParty = service.send("POST", "/api/v1/complaints", token,
        "{\"port\":\"" + port + "\",\"against\":\"CT\"}");
    assertThat(notAParty.statusCode()).as(notAParty.body()).isEqualTo(400);
    assertThat(notAParty.body()).contains("\"field\":\"against\"");
    HttpResponse<String> badPort = service.send("POST", "/api/v1/complaints", token,
        "{\"port\":\"p-1\",\"against\":\"CM\"}");
    assertThat(badPort.statusCode()).as(badPort.body()).isEqualTo(400);
    assertThat(badPort.body()).contains("\"field\":\"port\"");
    assertThat(service.send("POST", "/api/v1/complaints/" + UUID.randomUUID() + "/decision", token,
        "{\"outcome\":\"UPHELD\"}").statusCode()).isEqualTo(404);
    assertThat(service.get("/api/v1/complaints?port=" + port, token).body()).isEqualTo("[]");
  }

  /** CU's port of CM's number, open and waiting for CM's answer. */
  private UUID openPort(String number) {
    PortingService porting = service.context.getBean(PortingService.class);
    CarrierId donor = new CarrierId("CM");
    String code = porting.issueCode(donor, number, SUBSCRIBER).value().code();
    PortOutcome outcome = porting.submit(new SubmitPort(new CarrierId("CU"), "complaint-" + number, number,
        "o-" + number, "outlet:BJ-1", SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    return ((PortOutcome.Opened) outcome).port().id();
  }

  private List<String> entriesAbout(String complaint) {
    return service.auditEntries().stream()
        .filter(r -> complaint.equals(r.record().subject().orElse(null))).map((AuditEntry r) -> r.record().kind()).toList();
  }
}
