package npc.audit.chain;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.HeadsCheckpoint;

/** Where the record is kept. Writes are plain, never conditional; writing the same value twice is harmless. */
public interface AuditStore {
  /** Records that {@code chain} exists, opened by {@code instance} at {@code startedAt}. */
  void openChain(String chain, String instance, Instant startedAt);

  /**
   * Writes {@code entry}, which nobody waits for: the store may hold it a few milliseconds to write it with the
   * entries appended after it.
   */
  CompletionStage<Void> insert(AuditEntry entry);

  /** Writes {@code entry}, which somebody waits for, without holding it back. */
  CompletionStage<Void> insertNow(AuditEntry entry);

  /** Stores the checkpoint and makes it its chain's latest unless a later one is there already. */
  CompletionStage<Void> insert(Checkpoint checkpoint);

  void insert(HeadsCheckpoint heads);

  /** Every chain's latest checkpoint (position 0 and the zero hash for a chain with none yet). */
  List<ChainHead> latestCheckpoints();

  /** The entries of {@code chain} from {@code fromPosition} on, in position order, read page by page. */
  Iterator<AuditEntry> entries(String chain, long fromPosition);

  /** The checkpoints of {@code chain}, in position order. */
  List<Checkpoint> checkpoints(String chain);

  /** The heads checkpoints made from {@code from} (inclusive) to {@code to} (exclusive), in time order. */
  List<HeadsCheckpoint> heads(Instant from, Instant to);
}
