package npc.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import org.junit.jupiter.api.Test;

class IntentEncodingTest {
  private static final Instant AT = Instant.parse("2026-12-01T09:30:00.123Z");
  private static final long MINUTE = Intents.minuteOf(AT);
  private static final List<StepRow> ROWS = List.of(new StepRow.PortRow("+8613800138000", new UUID(1, 2)),
      new StepRow.NumberRow("+8613800138000"), new StepRow.QueryRow(new UUID(3, 4)),
      new StepRow.RejectionRow(new UUID(5, 6)), new StepRow.FactRow(new UUID(7, 8), "ack", "CMCC"),
      new StepRow.RouteRow(new UUID(9, 10), 42));

  @Test
  void aBlockOfIntentsOfEveryKindAndRowComesBackWholeAndInOrder() {
    List<Intents.Intent> written = new ArrayList<>();
    for (AuditKind kind : AuditKind.values()) {
      StepRow row = ROWS.get(written.size() % ROWS.size());
      AuditStep bare = AuditStep.of(UUID.randomUUID(), kind, AT).withRow(row);
      written.add(new Intents.Intent(MINUTE, "instance-a", bare));
      written.add(new Intents.Intent(MINUTE, "instance-b", full(kind, row)));
    }

    assertThat(IntentEncoding.intents(MINUTE, IntentEncoding.block(written))).containsExactlyElementsOf(written);
  }

  @Test
  void doneRowsNameTheirStepsInOrder() {
    List<UUID> steps = List.of(new UUID(1, 2), new UUID(-1, Long.MIN_VALUE), UUID.randomUUID());

    assertThat(IntentEncoding.doneSteps(IntentEncoding.done(steps))).containsExactlyElementsOf(steps);
    assertThatThrownBy(() -> IntentEncoding.doneSteps(ByteBuffer.allocate(17)))
        .hasMessageContaining("not a multiple of 16");
  }

  @Test
  void aBlockCutShortOrNotOfIntentsIsRefusedSayingWhy() {
    byte[] block = bytes(IntentEncoding.block(List.of(new Intents.Intent(MINUTE, "a", full(AuditKind.PORT_OPENED,
        ROWS.get(0))))));

    assertThatThrownBy(() -> IntentEncoding.intents(MINUTE, ByteBuffer.wrap(Arrays.copyOf(block, block.length - 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
    byte[] longer = Arrays.copyOf(block, block.length + 1);
    longer[3]++; // the intent's length claims a byte more than it holds
    assertThatThrownBy(() -> IntentEncoding.intents(MINUTE, ByteBuffer.wrap(longer)))
        .hasMessageContaining("1 bytes after an intent");
    byte[] retagged = block.clone();
    retagged[8] = 'X'; // the tag's first character
    assertThatThrownBy(() -> IntentEncoding.intents(MINUTE, ByteBuffer.wrap(retagged)))
        .hasMessageContaining("not an intent");
  }

  private static AuditStep full(AuditKind kind, StepRow row) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 0xAB);
    return AuditStep.of(UUID.randomUUID(), kind, AT).withActorName("REGULATOR:1f2e")
        .about("p-1", "+8613800138000").withStates("SUBMITTED", "ACCEPTED").withReason("ARREARS")
        .withAll(Map.of("amount", "12.50", "\uFF21", "\uD83D\uDE00")).withDeadline(AT.plusSeconds(60))
        .withSubscriber(digest).withRow(row);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
