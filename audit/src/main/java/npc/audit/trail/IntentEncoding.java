package npc.audit.trail;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalBuffer;
import npc.audit.record.CanonicalDecoding;
import npc.audit.record.CanonicalEncoding;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;

/**
 * How intents and done marks are kept in a block row ({@code audit_intent_blocks}, {@code audit_intent_done}; the
 * audit's README, "Block rows"). An intent is its tag {@value #TAG}, the instance that wrote it, its step row
 * ({@link StepRow#encode}) and the record its entry will hold, in the canonical encoding of {@code format.md}; a block
 * is its intents one after the other, each after its length (4 bytes, big-endian). A done row is the step ids it marks,
 * 16 bytes each. Never exported: the storage of work in progress, read back by the sweep only.
 */
final class IntentEncoding {
  static final String TAG = "npc-audit-intent/1";

  private IntentEncoding() {}

  /** A block holding {@code intents}, in their order. */
  static ByteBuffer block(List<Intents.Intent> intents) {
    CanonicalBuffer out = new CanonicalBuffer(512 * intents.size());
    for (Intents.Intent intent : intents) {
      int at = out.size();
      out.u32(0); // its length, once known
      out.text(TAG);
      out.text(intent.instance());
      out.text(intent.step().row().map(StepRow::encode).orElseThrow(
          () -> new IllegalArgumentException("an intent's step names no row: " + intent.step().id())));
      CanonicalEncoding.record(out, Records.of(intent.step()));
      out.u32At(at, out.size() - at - 4);
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  /**
   * The intents of a block filed under {@code minute}.
   *
   * @throws IllegalArgumentException if the block is not one this class wrote, saying why
   */
  static List<Intents.Intent> intents(long minute, ByteBuffer block) {
    ByteBuffer in = block.duplicate();
    List<Intents.Intent> intents = new ArrayList<>();
    try {
      while (in.hasRemaining()) {
        int length = in.getInt();
        ByteBuffer one = in.slice(in.position(), length);
        in.position(in.position() + length);
        String tag = CanonicalDecoding.text(one);
        if (!tag.equals(TAG)) {
          throw new IllegalArgumentException("not an intent: tag \"" + tag + "\"");
        }
        String instance = CanonicalDecoding.text(one);
        StepRow row = StepRow.decode(CanonicalDecoding.text(one));
        AuditRecord r = CanonicalDecoding.record(one);
        if (one.hasRemaining()) {
          throw new IllegalArgumentException(one.remaining() + " bytes after an intent");
        }
        intents.add(new Intents.Intent(minute, instance, new AuditStep(r.step(), r.at(), AuditKind.valueOf(r.kind()),
            r.actor(), r.subject(), r.msisdn(), r.stateBefore(), r.stateAfter(), r.reason(), r.evidence(),
            r.deadline(), r.subscriber().map(Bytes32::hex), Optional.of(row))));
      }
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("an intent block cut short", e);
    }
    return intents;
  }

  /** {@code steps}, 16 bytes each: a done row marking them, or a block's list of its own (V009). */
  static ByteBuffer done(List<UUID> steps) {
    ByteBuffer out = ByteBuffer.allocate(16 * steps.size());
    for (UUID step : steps) {
      out.putLong(step.getMostSignificantBits()).putLong(step.getLeastSignificantBits());
    }
    return out.flip();
  }

  /** The step ids a done row marks, or a block lists. */
  static List<UUID> doneSteps(ByteBuffer row) {
    ByteBuffer in = row.duplicate();
    if (in.remaining() % 16 != 0) {
      throw new IllegalArgumentException("a done row of " + in.remaining() + " bytes, not a multiple of 16");
    }
    List<UUID> steps = new ArrayList<>(in.remaining() / 16);
    while (in.hasRemaining()) {
      steps.add(new UUID(in.getLong(), in.getLong()));
    }
    return steps;
  }
}
