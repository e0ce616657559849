package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Group commit of plain writes that share a partition: a write waits while {@code maxInFlight} requests are out, and
 * the writes to one partition that gathered meanwhile leave together as one unlogged batch. A batch confined to one
 * partition is a single mutation on each replica: applied whole or not at all, with one request, one commit-log
 * entry and no batch log, where the writes one by one would cost a request each. The audit writes a row per step
 * into a few partitions (the minute's intents, the chain's bucket of entries), so under load most of its writes share
 * a request; under no load a write leaves at once, alone, and waits for nothing.
 *
 * <p>A batcher may also have a linger, for writes nobody waits for: a write then waits up to that long for others even
 * when no request is out, so that a steady flow leaves in full requests rather than one per round trip; a write
 * somebody waits for ({@link #writeNow}) takes its partition's gathered writes with it at once.
 *
 * <p>What leaves for a partition's gathered writes is {@code combine}'s statement: an unlogged batch of statements
 * ({@link #statements}), or one row holding them all (the audit's block rows); or whatever requests a {@code send}
 * function makes of them ({@link #sending}), the batch's writes done when its stage completes.
 *
 * <p>Each write's future completes when its batch is acknowledged, or fails with its batch; the caller retries as it
 * would a single write (every write given here must be idempotent, as plain inserts of fixed values are).
 *
 * @param <T> what one write gives: a statement, or the value of one row of a block
 */
public final class PartitionBatcher<T> {
  /** Runs a task after a delay in nanoseconds: a timer thread, or a test's hand. */
  interface Timer {
    void schedule(Runnable task, long delayNanos);
  }

  /** Sends a partition's gathered writes: they are acknowledged when its stage completes. */
  private final BiFunction<Object, List<T>, CompletionStage<?>> send;
  private final int maxInFlight;
  private final int maxRows;
  private final long lingerNanos;
  private final LongSupplier nanoTime;
  private final Timer timer;
  /** Writes waiting for a request, by partition, the oldest partition first. */
  private final Map<Object, Gathering<T>> waiting = new LinkedHashMap<>();
  private int inFlight;
  /** A wake-up is set for a partition still lingering. */
  private boolean wakeSet;

  /**
   * Statements gathered into unlogged batches (a partition's lone statement leaves as it is).
   *
   * @param maxInFlight batches out at once; a write waits only while this many are
   * @param maxRows     rows one batch holds at most
   */
  public static PartitionBatcher<BatchableStatement<?>> statements(CqlSession session, int maxInFlight, int maxRows) {
    return statements(session::executeAsync, maxInFlight, maxRows);
  }

  /** As {@link #statements(CqlSession, int, int)}, sent through {@code requests} (a test's). */
  static PartitionBatcher<BatchableStatement<?>> statements(Function<Statement<?>, CompletionStage<?>> requests,
      int maxInFlight, int maxRows) {
    return new PartitionBatcher<>(requests, maxInFlight, maxRows, 0, System::nanoTime, null,
        (partition, rows) -> rows.size() == 1
            ? rows.get(0) : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, new ArrayList<>(rows)));
  }

  /**
   * Writes gathered by partition into one statement each, made by {@code combine} from the partition and its writes
   * in the order they were given.
   */
  public static <T> PartitionBatcher<T> combining(CqlSession session, int maxInFlight, int maxRows,
      BiFunction<Object, List<T>, Statement<?>> combine) {
    return new PartitionBatcher<>(session::executeAsync, maxInFlight, maxRows, 0, System::nanoTime, null, combine);
  }

  /**
   * Writes gathered by partition and handed to {@code send}, which makes of them one request or several: they are
   * acknowledged when its stage completes, and fail with it. A write given by {@link #write} may wait up to {@code
   * linger} for others to join it, even with nothing in flight: for writes nobody waits for, fewer and fuller
   * requests. A write given by {@link #writeNow}, and every write gathered with it, does not wait.
   */
  public static <T> PartitionBatcher<T> sending(int maxInFlight, int maxRows, Duration linger,
      BiFunction<Object, List<T>, CompletionStage<?>> send) {
    return new PartitionBatcher<>(maxInFlight, maxRows, linger.toNanos(), System::nanoTime,
        (task, delay) -> Wakes.TIMER.schedule(task, delay, TimeUnit.NANOSECONDS), send);
  }

  /** The one thread that ends every batcher's linger, made when the first batcher with a linger is. */
  private static final class Wakes {
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-batch-linger");
      t.setDaemon(true);
      return t;
    });
  }

  PartitionBatcher(Function<Statement<?>, CompletionStage<?>> requests, int maxInFlight, int maxRows,
      long lingerNanos, LongSupplier nanoTime, Timer timer, BiFunction<Object, List<T>, Statement<?>> combine) {
    this(maxInFlight, maxRows, lingerNanos, nanoTime, timer,
        (partition, rows) -> requests.apply(combine.apply(partition, rows)));
  }

  private PartitionBatcher(int maxInFlight, int maxRows, long lingerNanos, LongSupplier nanoTime, Timer timer,
      BiFunction<Object, List<T>, CompletionStage<?>> send) {
    if (maxInFlight < 1 || maxRows < 1 || lingerNanos < 0 || (lingerNanos > 0 && timer == null)) {
      throw new IllegalArgumentException("maxInFlight and maxRows must be positive, linger not negative and with a "
          + "timer: " + maxInFlight + ", " + maxRows + ", " + lingerNanos);
    }
    this.send = send;
    this.maxInFlight = maxInFlight;
    this.maxRows = maxRows;
    this.lingerNanos = lingerNanos;
    this.nanoTime = nanoTime;
    this.timer = timer;
  }

  /**
   * Writes {@code value}, which changes {@code partition} only; completes when it is acknowledged. It may wait for
   * the linger, if this batcher has one.
   */
  public CompletableFuture<Void> write(Object partition, T value) {
    return write(partition, value, false);
  }

  /** As {@link #write}, for a write somebody waits for: it leaves as soon as a request may, with its partition's. */
  public CompletableFuture<Void> writeNow(Object partition, T value) {
    return write(partition, value, true);
  }

  private CompletableFuture<Void> write(Object partition, T value, boolean now) {
    Pending<T> pending = new Pending<>(value);
    synchronized (waiting) {
      Gathering<T> gathering = waiting.computeIfAbsent(partition, p -> new Gathering<>(nanoTime.getAsLong()));
      gathering.rows.add(pending);
      gathering.now |= now;
    }
    sendWhatWaits();
    return pending.done;
  }

  private void sendWhatWaits() {
    while (true) {
      List<Pending<T>> batch;
      Object partition = null;
      synchronized (waiting) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        long now = nanoTime.getAsLong();
        long nextDue = Long.MAX_VALUE;
        Gathering<T> due = null;
        for (Map.Entry<Object, Gathering<T>> each : waiting.entrySet()) {
          Gathering<T> g = each.getValue();
          if (g.now || g.rows.size() >= maxRows || now - g.since >= lingerNanos) {
            partition = each.getKey();
            due = g;
            break;
          }
          nextDue = Math.min(nextDue, g.since + lingerNanos);
        }
        if (due == null) {
          if (!wakeSet) {
            wakeSet = true;
            timer.schedule(this::wake, nextDue - now);
          }
          return;
        }
        if (due.rows.size() <= maxRows) {
          waiting.remove(partition);
          batch = due.rows;
        } else {
          batch = new ArrayList<>(due.rows.subList(0, maxRows));
          due.rows.subList(0, maxRows).clear();
        }
        inFlight++;
      }
      send(partition, batch);
    }
  }

  private void wake() {
    synchronized (waiting) {
      wakeSet = false;
    }
    sendWhatWaits();
  }

  private void send(Object partition, List<Pending<T>> batch) {
    List<T> values = new ArrayList<>(batch.size());
    batch.forEach(p -> values.add(p.value));
    CompletableFuture<?> sent;
    try {
      sent = send.apply(partition, values).toCompletableFuture();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((rs, error) -> {
      synchronized (waiting) {
        inFlight--;
      }
      for (Pending<T> p : batch) {
        if (error == null) {
          p.done.complete(null);
        } else {
          p.done.completeExceptionally(error);
        }
      }
      sendWhatWaits();
    });
  }

  /** The writes gathered for one partition, since the first of them arrived. */
  private static final class Gathering<T> {
    final List<Pending<T>> rows = new ArrayList<>();
    final long since;
    boolean now;

    Gathering(long since) {
      this.since = since;
    }
  }

  private record Pending<T>(T value, CompletableFuture<Void> done) {
    Pending(T value) {
      this(value, new CompletableFuture<>());
    }
  }
}
