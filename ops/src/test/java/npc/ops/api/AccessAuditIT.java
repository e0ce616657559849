package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.audit.record.AuditEntry;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/**
 * Every read by a regulator or operator, and every refusal, is an entry of the audit record: a regulator's GET
 * shows up with the regulator, the path and the query; a carrier's 403 and an anonymous 401 show up as refusals.
 * Entries are appended after the response, off the request's thread: the test waits for them (at most 30 s).
 */
class AccessAuditIT {
  private final RunningService service = RunningService.get();

  @Test
  void aRegulatorsReadIsAnEntryWithWhoWhatAndWhen() throws InterruptedException {
    String marker = "CM&rule=DEEMED_ACCEPTANCE&from=2026-01-01T00:00:00Z&to=" + java.time.Instant.now();
    assertThat(service.get("/api/v1/findings?carrier=" + marker, service.developmentToken(Role.REGULATOR))
        .statusCode()).isEqualTo(200);

    AuditEntry read = await("API_READ", r -> ("carrier=" + marker).equals(evidence(r).get("query")));
    assertThat(read.record().actor().orElse(null)).matches("REGULATOR:[0-9a-f]+");
    assertThat(evidence(read)).containsEntry("method", "GET").containsEntry("path", "/api/v1/findings")
        .containsEntry("status", "200");
  }

  @Test
  void aCarriersForbiddenRequestAndAnAnonymousOneAreRefusalEntries() throws InterruptedException {
    String created = service.send("POST", "/api/v1/tokens", service.developmentToken(Role.OPERATOR),
        "{\"role\":\"CARRIER\",\"carrier\":\"CT\"}").body();
    Matcher m = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(created);
    assertThat(m.find()).as(created).isTrue();
    String path = "/api/v1/complaints/" + UUID.randomUUID();

    assertThat(service.get(path, m.group(1)).statusCode()).isEqualTo(403);
    assertThat(service.get(path, null).statusCode()).isEqualTo(401);

    List<AuditEntry> refusals = awaitAll("API_REFUSED", r -> path.equals(evidence(r).get("path")), 2);
    assertThat(refusals).anySatisfy(r -> {
      assertThat(r.record().actor().orElse(null)).startsWith("CARRIER:");
      assertThat(evidence(r)).containsEntry("status", "403");
    });
    assertThat(refusals).anySatisfy(r -> {
      assertThat(r.record().actor().orElse(null)).isNull();
      assertThat(evidence(r)).containsEntry("status", "401").containsEntry("caller", "anonymous");
    });
  }

  private AuditEntry await(String kind, java.util.function.Predicate<AuditEntry> which) throws InterruptedException {
    return awaitAll(kind, which, 1).get(0);
  }

  private List<AuditEntry> awaitAll(String kind, java.util.function.Predicate<AuditEntry> which, int count)
      throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<AuditEntry> found = service.auditEntries().stream()
          .filter(r -> kind.equals(r.record().kind()) && which.test(r)).toList();
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " " + kind + " entries within 30 s");
  }

  private static Map<String, String> evidence(AuditEntry r) {
    return r.record().evidence();
  }
}
