package npc.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {
  private static final Instant AT = Instant.parse("2026-12-01T09:30:00.000Z");
  private static final AuditRecord BASE = AuditRecord.of(new UUID(1, 2), AT, "PORT_OPENED");

  @Test
  void everyFieldOfAnEntryChangesItsHash() {
    AuditRecord full = BASE.withActor("CMCC").withSubject("p1", "+8613800138000").withStates("A", "B")
        .withReason("R", Map.of("k", "v")).withDeadline(AT.plusSeconds(60)).withSubscriber(Bytes32.ZERO);
    AuditEntry entry = new AuditEntry("c", 1, Bytes32.ZERO, full);
    List<UnaryOperator<AuditRecord>> changes = List.of(
        r -> new AuditRecord(new UUID(1, 3), r.at(), r.actor(), r.kind(), r.subject(), r.msisdn(), r.stateBefore(),
            r.stateAfter(), r.reason(), r.evidence(), r.deadline(), r.subscriber()),
        r -> new AuditRecord(r.step(), r.at().plusMillis(1), r.actor(), r.kind(), r.subject(), r.msisdn(),
            r.stateBefore(), r.stateAfter(), r.reason(), r.evidence(), r.deadline(), r.subscriber()),
        r -> r.withActor("CUCC"),
        r -> new AuditRecord(r.step(), r.at(), r.actor(), "PORT_ACCEPTED", r.subject(), r.msisdn(), r.stateBefore(),
            r.stateAfter(), r.reason(), r.evidence(), r.deadline(), r.subscriber()),
        r -> r.withSubject("p2", "+8613800138000"),
        r -> r.withSubject("p1", "+8613800138001"),
        r -> r.withStates("X", "B"),
        r -> r.withStates("A", "X"),
        r -> new AuditRecord(r.step(), r.at(), r.actor(), r.kind(), r.subject(), r.msisdn(), r.stateBefore(),
            r.stateAfter(), Optional.of("S"), r.evidence(), r.deadline(), r.subscriber()),
        r -> r.withEvidence(Map.of("k", "w")),
        r -> r.withEvidence(Map.of("k", "v", "l", "")),
        r -> r.withDeadline(AT.plusSeconds(61)),
        r -> r.withSubscriber(Bytes32.of(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
    for (UnaryOperator<AuditRecord> change : changes) {
      assertThat(new AuditEntry("c", 1, Bytes32.ZERO, change.apply(full)).hash()).isNotEqualTo(entry.hash());
    }
    assertThat(new AuditEntry("d", 1, Bytes32.ZERO, full).hash()).isNotEqualTo(entry.hash());
    assertThat(new AuditEntry("c", 2, Bytes32.ZERO, full).hash()).isNotEqualTo(entry.hash());
    assertThat(new AuditEntry("c", 1, entry.hash(), full).hash()).isNotEqualTo(entry.hash());
  }

  @Test
  void anAbsentFieldAndAnEmptyOneEncodeApart() {
    AuditEntry absent = new AuditEntry("c", 1, Bytes32.ZERO, BASE);
    AuditEntry empty = new AuditEntry("c", 1, Bytes32.ZERO, BASE.withActor(""));

    assertThat(empty.hash()).isNotEqualTo(absent.hash());
  }

  @Test
  void textMovedFromOneFieldToTheNextEncodesApart() {
    // Length prefixes: "ab" + "c" is not "a" + "bc".
    AuditEntry one = new AuditEntry("c", 1, Bytes32.ZERO, BASE.withStates("ab", "c"));
    AuditEntry two = new AuditEntry("c", 1, Bytes32.ZERO, BASE.withStates("a", "bc"));

    assertThat(one.hash()).isNotEqualTo(two.hash());
  }

  @Test
  void evidenceKeysAreInTheOrderOfTheirUtf8BytesNotOfJavaStrings() {
    // U+FF21 is EF BC A1 in UTF-8 and U+1F600 is F0 9F 98 80: by bytes U+FF21 comes first, while Java's UTF-16 order
    // (D83D DE00 against FF21) puts U+1F600 first.
    String fullwidth = "\uFF21";
    String emoji = "\uD83D\uDE00";
    byte[] bytes = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO,
        BASE.withEvidence(Map.of(emoji, "2", fullwidth, "1"))));
    String hex = HexFormat.of().formatHex(bytes);

    assertThat(hex).contains("00000002" + "00000003efbca1" + "0000000131" + "00000004f09f9880" + "0000000132");
    assertThat(new TreeMap<>(Map.of(emoji, "", fullwidth, "")).firstKey()).isEqualTo(emoji);
  }

  @Test
  void theEntryEncodingIsTheSpecifiedSequenceOfFields() {
    AuditEntry entry = new AuditEntry("c", 258, Bytes32.ZERO,
        AuditRecord.of(new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L), Instant.ofEpochMilli(1000), "K"));

    assertThat(HexFormat.of().formatHex(CanonicalEncoding.entry(entry))).isEqualTo(
        "00000011" + HexFormat.of().formatHex("npc-audit-entry/1".getBytes()) + "00000001" + "63"
            + "0000000000000102" + "00".repeat(32) + "0102030405060708090a0b0c0d0e0f10" + "00000000000003e8"
            + "00" + "00000001" + "4b" + "00" + "00" + "00" + "00" + "00" + "00000000" + "00" + "00");
  }

  @Test
  void timesFinerThanAMillisecondAreRefused() {
    assertThatThrownBy(() -> AuditRecord.of(new UUID(1, 1), AT.plusNanos(1), "K"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole milliseconds");
  }

  @Test
  void textWithAnUnpairedSurrogateIsRefused() {
    assertThatThrownBy(() -> BASE.withActor("C\uD800"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
  }

  @Test
  void aKindMustBeAnUpperCaseName() {
    assertThatThrownBy(() -> AuditRecord.of(new UUID(1, 1), AT, "port opened"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
  }
}
