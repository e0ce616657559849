package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.audit.chain.ChainAppender;
import npc.audit.export.AuditExporter;
import npc.audit.record.AuditRecord;
import npc.audit.sign.AuditKeys;
import npc.audit.store.CassandraAuditStore;
import npc.core.storage.Database;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * A number's history and its route as a regulator reads them: every entry about the number and no other, in time
 * order, each byte for byte its line of an export of the same record; the serving carrier with the time and routing
 * log position of the change that made its route. Invalid numbers are 400 naming the field.
 */
class NumbersApiIT {
  private static final Pattern ENTRY = Pattern.compile("\\{\"type\":\"entry\".*?\"evidence\":\\{[^}]*}[^}]*}");
  private final RunningService service = RunningService.get();

  @Test
  void aNumbersHistoryIsEveryEntryAboutItInOrderAsItsExportLines() {
    ChainAppender chain = service.context.getBean(ChainAppender.class);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Numbers no other test of the shared service uses (the others use 1390000010x to 1390000040x).
    String first = "+8613900000901";
    String second = "+8613900000902";
    // Appended out of time order: the history is in time order whatever the chain's order.
    chain.append(AuditRecord.of(UUID.randomUUID(), now.plusMillis(2), "PORT_ACCEPTED").withActor("CM")
        .withSubject("hist-p1", first)).toCompletableFuture().join();
    chain.append(AuditRecord.of(UUID.randomUUID(), now, "PORT_OPENED").withActor("CU")
        .withSubject("hist-p1", first).withEvidence(Map.of("donor", "CM"))).toCompletableFuture().join();
    chain.append(AuditRecord.of(UUID.randomUUID(), now.plusMillis(1), "PORT_OPENED").withActor("CU")
        .withSubject("hist-p2", second)).toCompletableFuture().join();

    HttpResponse<String> history = service.get("/api/v1/numbers/%2B" + first.substring(1) + "/history",
        service.developmentToken(Role.REGULATOR));

    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    List<String> lines = entries(history.body());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"kind\":\"PORT_OPENED\"", "\"chain\":\"" + chain.chainId() + "\"",
        "\"position\":", "\"hash\":");
    assertThat(lines.get(1)).contains("\"kind\":\"PORT_ACCEPTED\"");
    assertThat(history.body()).doesNotContain("hist-p2");
    StringWriter export = new StringWriter();
    AuditExporter.export(service.context.getBean(CassandraAuditStore.class), export,
        service.context.getBean(AuditKeys.class).get(), now.minusSeconds(1), now.plusSeconds(1), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    assertThat(export.toString().lines().toList()).containsAll(lines);
  }

  @Test
  void aRouteIsItsServingCarrierSinceItsChangeAtItsRoutingPosition() {
    String token = service.developmentToken(Role.REGULATOR);
    HttpResponse<String> never = service.get("/api/v1/numbers/13900000311/route", token);
    assertThat(never.statusCode()).as(never.body()).isEqualTo(200);
    assertThat(never.body()).contains("\"carrier\":\"CM\"", "\"rangeHolder\":\"CM\"", "\"ported\":false",
        "\"routeVersion\":0").doesNotContain("\"since\":\"", "\"routingPosition\":4");

    // The route as a reversal and an activation leave it: version 2 with CU; its ROUTE_CHANGED entry says where.
    service.context.getBean(Database.class).session().execute("UPDATE numbers SET serving_carrier = 'CU', "
        + "route_version = 2 WHERE msisdn = '+8613900000312'");
    ChainAppender chain = service.context.getBean(ChainAppender.class);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    chain.append(AuditRecord.of(UUID.randomUUID(), at.minusSeconds(60), "ROUTE_CHANGED")
        .withSubject("route-p1", "+8613900000312")
        .withEvidence(Map.of("routeVersion", "1", "logPosition", "40", "routingNumber", "C1"))).toCompletableFuture()
        .join();
    chain.append(AuditRecord.of(UUID.randomUUID(), at, "ROUTE_CHANGED").withSubject("route-p2", "+8613900000312")
        .withEvidence(Map.of("routeVersion", "2", "logPosition", "41", "routingNumber", "C2"))).toCompletableFuture()
        .join();

    HttpResponse<String> ported = service.get("/api/v1/numbers/%2B8613900000312/route",
        service.developmentToken(Role.REGULATOR));
    assertThat(ported.statusCode()).as(ported.body()).isEqualTo(200);
    assertThat(ported.body()).contains("\"carrier\":\"CU\"", "\"rangeHolder\":\"CM\"", "\"ported\":true",
        "\"routeVersion\":2", "\"since\":\"" + at + "\"", "\"routingPosition\":41", "\"routingNumber\":\"C2\"");
  }

  @Test
  void anInvalidNumberIs400NamingTheField() {
    String token = service.developmentToken(Role.REGULATOR);
    for (String path : List.of("/api/v1/numbers/12345/history", "/api/v1/numbers/abc/route")) {
      HttpResponse<String> bad = service.get(path, token);
      assertThat(bad.statusCode()).as(path + ": " + bad.body()).isEqualTo(400);
      assertThat(bad.body()).contains("\"field\":\"number\"");
    }
  }

  private static List<String> entries(String body) {
    List<String> lines = new ArrayList<>();
    Matcher m = ENTRY.matcher(body);
    while (m.find()) {
      lines.add(m.group());
    }
    return lines;
  }
}
