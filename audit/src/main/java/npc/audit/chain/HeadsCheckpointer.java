package npc.audit.chain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.sign.AuditSigner;

/**
 * Signs the latest checkpoint of every chain in the store, as one heads checkpoint: a chain later cut short, or
 * removed whole, contradicts it. Every instance runs one (default every 60 s), so the list does not depend on any
 * one instance staying up.
 */
public final class HeadsCheckpointer {
  private final String madeBy;
  private final AuditStore store;
  private final Supplier<AuditSigner> signer;
  private final Clock clock;

  public HeadsCheckpointer(String madeBy, AuditStore store, AuditSigner signer, Clock clock) {
    this(madeBy, store, () -> signer, clock);
  }

  /** Each heads checkpoint signed with the key {@code keys} gives when it is made (a rotation changes it). */
  public HeadsCheckpointer(String madeBy, AuditStore store, Supplier<AuditSigner> keys, Clock clock) {
    this.madeBy = madeBy;
    this.store = store;
    this.signer = keys;
    this.clock = clock;
  }

  public HeadsCheckpoint run() {
    HeadsCheckpoint heads = signer.get().heads(clock.instant().truncatedTo(ChronoUnit.MILLIS), madeBy,
        store.latestCheckpoints());
    store.insert(heads);
    return heads;
  }
}
