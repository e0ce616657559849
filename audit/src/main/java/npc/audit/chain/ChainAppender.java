package npc.audit.chain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.sign.AuditSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's chain: numbers, links and writes each record, and checkpoints the chain.
 *
 * <p>Numbering and hashing happen under a lock held only for that; the write is a plain insert, in flight with up to
 * {@code maxInFlight} others. A failed insert is retried with the same values until it succeeds (inserting the same
 * row twice changes nothing), so the chain has no hole while the instance lives; when {@code maxInFlight} writes are
 * out, {@link #append} waits rather than dropping anything. A checkpoint is made at every position that is a multiple of
 * the policy's entries, and after its interval at the head if the chain moved; it covers only positions whose every
 * entry is acknowledged, so it never vouches for an entry the database might not hold.
 *
 * <p>A chain lives as long as its appender: {@link #open} makes a new chain id each time (the instance's name and a
 * random suffix), so a restarted instance never continues, and never forks, a chain whose last writes may still have
 * been in flight when it stopped.
 */
public final class ChainAppender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainAppender.class);
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  private final Chain chain;
  private final AuditStore store;
  private final Supplier<AuditSigner> signer;
  private final Clock clock;
  private final CheckpointPolicy policy;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final ScheduledExecutorService background;
  private final Object acks = new Object();
  private final TreeMap<Long, Bytes32> writtenAhead = new TreeMap<>();
  /** Callers of {@link #checkpointThrough} waiting for the acknowledged head to reach a position. */
  private final TreeMap<Long, List<CompletableFuture<Void>>> reaching = new TreeMap<>();
  private long acknowledged;
  private Bytes32 acknowledgedHash = Bytes32.ZERO;
  private long checkpointed;
  private long checkpointedAtNanos = System.nanoTime();
  private CompletableFuture<Void> checkpointWrites = CompletableFuture.completedFuture(null);

  private ChainAppender(String chainId, AuditStore store, Supplier<AuditSigner> signer, Clock clock,
      CheckpointPolicy policy, int maxInFlight) {
    this.chain = new Chain(chainId);
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.policy = policy;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-chain-" + chainId);
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens a new chain for {@code instance}, checkpointed with one key for its life, and records that it exists. */
  public static ChainAppender open(String instance, AuditStore store, AuditSigner signer, Clock clock,
      CheckpointPolicy policy, int maxInFlight) {
    return open(instance, store, () -> signer, clock, policy, maxInFlight);
  }

  /**
   * Opens a new chain for {@code instance}, each checkpoint signed with the key {@code keys} gives at that moment (a
   * rotation changes it, {@link KeyRotation}), and records that it exists.
   */
  public static ChainAppender open(String instance, AuditStore store, Supplier<AuditSigner> keys, Clock clock,
      CheckpointPolicy policy, int maxInFlight) {
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    String id = AuditEntry.requireChain(instance.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
        + HexFormat.of().formatHex(suffix));
    store.openChain(id, instance, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    return new ChainAppender(id, store, keys, clock, policy, maxInFlight);
  }

  public String chainId() {
    return chain.id();
  }

  /**
   * Appends {@code record}: numbered and linked at once, written in the background. The future completes with the
   * entry once the database acknowledged it, which the store may delay a few milliseconds to write it with others
   * ({@link AuditStore#insert}): a caller that waits for it appends with {@link #appendNow}.
   */
  public CompletableFuture<AuditEntry> append(AuditRecord record) {
    return append(record, false);
  }

  /**
   * As {@link #append}, for a caller that must not go on before the entry is durable (a refusal about to be
   * answered): its write is not held back.
   */
  public CompletableFuture<AuditEntry> appendNow(AuditRecord record) {
    return append(record, true);
  }

  private CompletableFuture<AuditEntry> append(AuditRecord record, boolean now) {
    inFlight.acquireUninterruptibly();
    AuditEntry entry;
    synchronized (chain) {
      entry = chain.append(record);
    }
    CompletableFuture<AuditEntry> done = new CompletableFuture<>();
    write(() -> now ? store.insertNow(entry) : store.insert(entry), 0, () -> {
      inFlight.release();
      acknowledged(entry);
      done.complete(entry);
    });
    return done;
  }

  /** How many entries may be appended and not yet acknowledged; one more waits in {@link #append}. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** The last position appended, acknowledged or not. */
  public long appended() {
    synchronized (chain) {
      return chain.head().position();
    }
  }

  /** The head up to which every entry is acknowledged. */
  public ChainHead acknowledgedHead() {
    synchronized (acks) {
      return new ChainHead(chain.id(), acknowledged, acknowledgedHash);
    }
  }

  /**
   * Checkpoints the chain, signed by {@code by}, at its acknowledged head once that reaches {@code position}: what a
   * rotation needs, a checkpoint by the old key covering its entry. The future completes with the checkpoint once
   * the database acknowledged it.
   */
  public CompletableFuture<Checkpoint> checkpointThrough(long position, AuditSigner by) {
    CompletableFuture<Void> reached = new CompletableFuture<>();
    synchronized (acks) {
      if (acknowledged >= position) {
        reached.complete(null);
      } else {
        reaching.computeIfAbsent(position, p -> new ArrayList<>()).add(reached);
      }
    }
    return reached.thenComposeAsync(ok -> {
      ChainHead head;
      synchronized (acks) {
        head = markCheckpoint();
      }
      return checkpoint(head, by);
    }, background);
  }

  /** Checkpoints the chain if it moved and the policy's interval has passed; the service calls this every second. */
  public void tick() {
    ChainHead due = null;
    synchronized (acks) {
      if (acknowledged > checkpointed
          && System.nanoTime() - checkpointedAtNanos >= policy.interval().toNanos()) {
        due = markCheckpoint();
      }
    }
    if (due != null) {
      checkpoint(due, signer.get());
    }
  }

  /** Waits for every entry in flight, writes a last checkpoint if the chain moved, and waits for it. */
  @Override
  public void close() {
    inFlight.acquireUninterruptibly(maxInFlight);
    ChainHead due = null;
    synchronized (acks) {
      if (acknowledged > checkpointed) {
        due = markCheckpoint();
      }
    }
    if (due != null) {
      checkpoint(due, signer.get());
    }
    // A checkpoint handed to the background thread registers its write when it runs: let it run first.
    CompletableFuture.runAsync(() -> { }, background).join();
    CompletableFuture<Void> last;
    synchronized (acks) {
      last = checkpointWrites;
    }
    last.join();
    background.shutdown();
    inFlight.release(maxInFlight);
  }

  private void acknowledged(AuditEntry entry) {
    List<ChainHead> due = new ArrayList<>();
    List<CompletableFuture<Void>> reached = new ArrayList<>();
    synchronized (acks) {
      writtenAhead.put(entry.position(), entry.hash());
      while (!writtenAhead.isEmpty() && writtenAhead.firstKey() == acknowledged + 1) {
        acknowledgedHash = writtenAhead.pollFirstEntry().getValue();
        acknowledged++;
        if (acknowledged % policy.entries() == 0) {
          due.add(markCheckpoint());
        }
      }
      while (!reaching.isEmpty() && reaching.firstKey() <= acknowledged) {
        reached.addAll(reaching.pollFirstEntry().getValue());
      }
    }
    for (ChainHead head : due) {
      background.execute(() -> checkpoint(head, signer.get()));
    }
    reached.forEach(r -> r.complete(null));
  }

  private ChainHead markCheckpoint() {
    checkpointed = acknowledged;
    checkpointedAtNanos = System.nanoTime();
    return new ChainHead(chain.id(), acknowledged, acknowledgedHash);
  }

  /** Signs {@code head} with {@code by} and writes it; the future completes once the database acknowledged it. */
  private CompletableFuture<Checkpoint> checkpoint(ChainHead head, AuditSigner by) {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Checkpoint checkpoint = by.checkpoint(head, at);
    CompletableFuture<Checkpoint> written = new CompletableFuture<>();
    synchronized (acks) {
      checkpointWrites = checkpointWrites.thenCombine(written, (a, b) -> null);
    }
    write(() -> store.insert(checkpoint), 0, () -> written.complete(checkpoint));
    return written;
  }

  /** Runs {@code attempt} until it succeeds, backing off up to two seconds between tries, then {@code then}. */
  private void write(Supplier<CompletionStage<Void>> attempt, int failures, Runnable then) {
    CompletionStage<Void> stage;
    try {
      stage = attempt.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((ok, error) -> {
      if (error == null) {
        then.run();
        return;
      }
      long delay = Math.min(MAX_BACKOFF_MILLIS, 10L << Math.min(failures, 8));
      if (failures % 10 == 0) {
        LOG.warn("An audit write of chain {} failed ({} times so far); retrying in {} ms: {}", chain.id(),
            failures + 1, delay, error.toString());
      }
      background.schedule(() -> write(attempt, failures + 1, then), delay, TimeUnit.MILLISECONDS);
    });
  }
}
