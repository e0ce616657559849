package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.audit.record.AuditEntry;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.porting.SubscriberType;
import npc.ops.security.Role;
import npc.ops.spotcheck.SampleDraw;
import org.junit.jupiter.api.Test;

/**
 * A regulator draws a spot check of a carrier's ports for a period: the sample comes from that carrier's ports only,
 * anyone can redraw it from the seed and the population with the documented algorithm, the seed is in the record
 * before the draw, a second draw is listed beside the first, and bad parameters are 400 naming the field.
 */
class SpotCheckApiIT {
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Zhao Lei", "110101197707071234");
  private final RunningService service = RunningService.get();
  private final String regulator = service.developmentToken(Role.REGULATOR);

  @Test
  void aDrawIsReproducibleFromItsSeedRecordedBeforeItAndEveryDrawIsListed() throws Exception {
    Instant from = Instant.now().minusSeconds(1);
    List<String> cbn = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      cbn.add(openPort("CBN", "1390000030" + i).toString());
    }
    String other = openPort("CT", "13900000309").toString();
    awaitOpenedEntries(cbn.size() + 1, from);
    Instant to = Instant.now();
    String body = "{\"carrier\":\"CBN\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"size\":2}";

    HttpResponse<String> drawn = service.send("POST", "/api/v1/spot-checks", regulator, body);
    assertThat(drawn.statusCode()).as(drawn.body()).isEqualTo(201);
    String id = field(drawn.body(), "id");
    String seed = field(drawn.body(), "seed");
    List<String> sample = List.of(field(drawn.body(), "sample\":\\[").replace("\"", "").split(","));
    assertThat(drawn.body()).contains("\"population\":4", "\"algorithm\":\"" + SampleDraw.ALGORITHM + "\"");
    assertThat(sample).hasSize(2).isSubsetOf(cbn).doesNotContain(other);
    assertThat(SampleDraw.draw(HexFormat.of().parseHex(seed), cbn, 2)).as("redrawn from the seed")
        .containsExactlyElementsOf(sample);

    Map<String, AuditEntry> entries = entriesAbout(id);
    assertThat(entries).containsKeys("SPOT_CHECK_SEEDED", "SPOT_CHECK_DRAWN");
    AuditEntry seeded = entries.get("SPOT_CHECK_SEEDED");
    assertThat(seeded.record().evidence()).containsEntry("seed", seed)
        .containsEntry("carrier", "CBN").containsEntry("size", "2");
    assertThat(seeded.record().actor().orElse(null)).startsWith("REGULATOR:");
    assertThat(seeded.position()).as("the seed is recorded before the draw")
        .isLessThan(entries.get("SPOT_CHECK_DRAWN").position());
    assertThat(entries.get("SPOT_CHECK_DRAWN").record().evidence())
        .containsEntry("sample", String.join(",", sample)).containsEntry("population", "4");

    HttpResponse<String> second = service.send("POST", "/api/v1/spot-checks", regulator, body);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    String secondId = field(second.body(), "id");
    HttpResponse<String> listed = service.get("/api/v1/spot-checks?carrier=CBN&from=" + from + "&to=" + to,
        regulator);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(id, secondId);
    assertThat(service.get("/api/v1/spot-checks/" + id, regulator).body()).contains(seed);
  }

  @Test
  void badParametersAre400NamingTheFieldAndAnUnknownDraw404() {
    Instant now = Instant.now();
    assertField(draw("CU", now.minusSeconds(60), now.plusSeconds(3600), 2), "to");
    assertField(draw("CU", now.minusSeconds(60), now.minusSeconds(1), 0), "size");
    assertField(draw("ZZ", now.minusSeconds(60), now.minusSeconds(1), 2), "carrier");
    assertField(draw("CU", now.minusSeconds(1), now.minusSeconds(60), 2), "from");
    assertThat(service.get("/api/v1/spot-checks/" + UUID.randomUUID(), regulator).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> draw(String carrier, Instant from, Instant to, int size) {
    return service.send("POST", "/api/v1/spot-checks", regulator, "{\"carrier\":\"" + carrier + "\",\"from\":\""
        + from + "\",\"to\":\"" + to + "\",\"size\":" + size + "}");
  }

  private static void assertField(HttpResponse<String> answer, String field) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("\"field\":\"" + field + "\"");
  }

  private UUID openPort(String recipient, String number) {
    PortingService porting = service.context.getBean(PortingService.class);
    String code = porting.issueCode(new CarrierId("CM"), number, SUBSCRIBER).value().code();
    PortOutcome outcome = porting.submit(new SubmitPort(new CarrierId(recipient), "spot-" + number, number,
        "o-" + number, "outlet:SH-1", SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    return ((PortOutcome.Opened) outcome).port().id();
  }

  /** The PORT_OPENED entries are appended just after their write: wait until the record holds them. */
  private void awaitOpenedEntries(int count, Instant from) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      long opened = service.auditEntries().stream()
          .filter(r -> "PORT_OPENED".equals(r.record().kind()) && !r.record().at().isBefore(from)).count();
      if (opened >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the record does not hold the " + count + " ports opened");
  }

  private Map<String, AuditEntry> entriesAbout(String subject) {
    Map<String, AuditEntry> byKind = new java.util.HashMap<>();
    service.auditEntries().stream()
        .filter(r -> subject.equals(r.record().subject().orElse(null))).forEach(r -> byKind.put(r.record().kind(), r));
    return byKind;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + (name.endsWith("\\[") ? "([^\\]]*)\\]" : "\":\"([^\"]*)\""))
        .matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
