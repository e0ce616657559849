package npc.ops.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.ops.security.Caller;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/** Which requests become entries: every refusal, every read by a regulator or operator, nothing else. */
class AccessEntriesTest {
  private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123Z");
  private static final Caller REGULATOR = new Caller("0a1b2c3d4e5f", Role.REGULATOR, null);
  private static final Caller OPERATOR = new Caller("9f8e7d6c5b4a", Role.OPERATOR, null);
  private static final Caller CARRIER = new Caller("1234567890ab", Role.CARRIER, "CU");

  @Test
  void aRegulatorsReadNamesWhoWhatAndWhen() {
    AuditStep step = AccessEntries.of("GET", "/api/v1/findings", Optional.of("carrier=CM"), 200,
        Optional.of(REGULATOR), AT).orElseThrow();
    assertThat(step.kind()).isEqualTo(AuditKind.API_READ);
    assertThat(step.actor()).contains("REGULATOR:0a1b2c3d4e5f");
    assertThat(step.at()).isEqualTo(AT);
    assertThat(step.evidence()).containsEntry("method", "GET").containsEntry("path", "/api/v1/findings")
        .containsEntry("query", "carrier=CM").containsEntry("status", "200");
    assertThat(AccessEntries.of("GET", "/api/v1/carriers", Optional.empty(), 200, Optional.of(OPERATOR), AT))
        .hasValueSatisfying(s -> assertThat(s.evidence()).doesNotContainKey("query"));
  }

  @Test
  void everyRefusalIsAnEntryWhoeverAsked() {
    assertThat(AccessEntries.of("GET", "/api/v1/tokens", Optional.empty(), 401, Optional.empty(), AT))
        .hasValueSatisfying(s -> {
          assertThat(s.kind()).isEqualTo(AuditKind.API_REFUSED);
          assertThat(s.actor()).isEmpty();
          assertThat(s.evidence()).containsEntry("caller", "anonymous").containsEntry("status", "401");
        });
    assertThat(AccessEntries.of("POST", "/api/v1/tokens", Optional.empty(), 403, Optional.of(CARRIER), AT))
        .hasValueSatisfying(s -> assertThat(s.actor()).contains("CARRIER:1234567890ab"));
    assertThat(AccessEntries.of("GET", "/api/v1/ports/x", Optional.empty(), 404, Optional.of(REGULATOR), AT))
        .hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(AuditKind.API_REFUSED));
  }

  @Test
  void aCarriersReadAndWritesThatRecordThemselvesAreNoEntry() {
    assertThat(AccessEntries.of("GET", "/api/v1/regime", Optional.empty(), 200, Optional.of(CARRIER), AT)).isEmpty();
    assertThat(AccessEntries.of("POST", "/api/v1/complaints", Optional.empty(), 201, Optional.of(REGULATOR), AT))
        .isEmpty();
    assertThat(AccessEntries.of("GET", "/api/v1/openapi.yml", Optional.empty(), 200, Optional.empty(), AT)).isEmpty();
  }

  @Test
  void aLongQueryIsCut() {
    String query = "carrier=" + "C".repeat(2000);
    AuditStep step = AccessEntries.of("GET", "/api/v1/findings", Optional.of(query), 400, Optional.of(REGULATOR), AT)
        .orElseThrow();
    assertThat(step.evidence().get("query")).hasSize(AccessEntries.MAX_QUERY + 1).startsWith("carrier=CCC");
  }
}
