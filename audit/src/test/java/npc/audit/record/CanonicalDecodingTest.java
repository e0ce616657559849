package npc.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalDecodingTest {
  private static final Instant AT = Instant.parse("2026-12-01T09:30:00.123Z");
  private static final AuditRecord BASE = AuditRecord.of(new UUID(1, 2), AT, "PORT_OPENED");
  private static final AuditRecord FULL = BASE.withActor("CMCC").withSubject("p1", "+8613800138000")
      .withStates("SUBMITTED", "ACCEPTED").withReason("ARREARS", Map.of("amount", "12.50", "\uFF21", "\uD83D\uDE00"))
      .withDeadline(AT.plusSeconds(60)).withSubscriber(Bytes32.of(filled((byte) 7)));

  @Test
  void everyFieldComesBackAndSoDoesTheHash() {
    for (AuditRecord record : List.of(BASE, FULL, BASE.withActor(""), BASE.withEvidence(Map.of("k", "")))) {
      AuditEntry entry = new AuditEntry("instance-a-1f2e", 42, Bytes32.of(filled((byte) 3)), record);
      byte[] bytes = CanonicalEncoding.entry(entry);

      AuditEntry read = CanonicalDecoding.entry(bytes, 0, bytes.length);

      assertThat(read.chain()).isEqualTo(entry.chain());
      assertThat(read.position()).isEqualTo(entry.position());
      assertThat(read.previous()).isEqualTo(entry.previous());
      assertThat(read.record()).isEqualTo(record);
      assertThat(read.hash()).isEqualTo(entry.hash());
    }
  }

  @Test
  void anEntryIsReadFromItsPlaceAmongOthers() {
    byte[] first = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO, BASE));
    AuditEntry second = new AuditEntry("c", 2, Bytes32.ZERO, FULL);
    byte[] both = concat(first, CanonicalEncoding.entry(second));

    assertThat(CanonicalDecoding.entry(both, first.length, both.length - first.length).record())
        .isEqualTo(second.record());
  }

  @Test
  void bytesThatAreNotOneEntrysEncodingAreRefusedSayingWhy() {
    byte[] bytes = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO, FULL));
    byte[] checkpoint = CanonicalEncoding.checkpoint(new ChainHead("c", 1, Bytes32.ZERO), AT, Bytes32.ZERO);

    assertThatThrownBy(() -> CanonicalDecoding.entry(bytes, 0, bytes.length - 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
    assertThatThrownBy(() -> CanonicalDecoding.entry(concat(bytes, new byte[1]), 0, bytes.length + 1))
        .hasMessageContaining("1 bytes after the entry");
    assertThatThrownBy(() -> CanonicalDecoding.entry(checkpoint, 0, checkpoint.length))
        .hasMessageContaining("not an entry's encoding");
    byte[] absent = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO, BASE));
    absent[absent.length - 1] = 2; // the subscriber's presence byte
    assertThatThrownBy(() -> CanonicalDecoding.entry(absent, 0, absent.length))
        .hasMessageContaining("presence byte of 2");
  }

  @Test
  void evidenceOutOfByteOrderIsRefused() {
    byte[] ordered = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO,
        BASE.withEvidence(Map.of("a", "1", "b", "2"))));
    byte[] swapped = ordered.clone();
    int a = indexOf(ordered, new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 1, '1'});
    System.arraycopy(new byte[] {0, 0, 0, 1, 'b', 0, 0, 0, 1, '2', 0, 0, 0, 1, 'a', 0, 0, 0, 1, '1'}, 0, swapped, a,
        20);

    assertThat(CanonicalDecoding.entry(ordered, 0, ordered.length).record().evidence()).containsEntry("b", "2");
    assertThatThrownBy(() -> CanonicalDecoding.entry(swapped, 0, swapped.length))
        .hasMessageContaining("not in byte order");
  }

  @Test
  void textThatIsNotUtf8IsRefused() {
    byte[] bytes = CanonicalEncoding.entry(new AuditEntry("c", 1, Bytes32.ZERO, BASE.withActor("X")));
    bytes[indexOf(bytes, new byte[] {0, 0, 0, 1, 'X'}) + 4] = (byte) 0xC3; // a lead byte with nothing after it

    assertThatThrownBy(() -> CanonicalDecoding.entry(bytes, 0, bytes.length)).hasMessageContaining("not UTF-8");
  }

  private static byte[] filled(byte value) {
    byte[] bytes = new byte[Bytes32.LENGTH];
    Arrays.fill(bytes, value);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
