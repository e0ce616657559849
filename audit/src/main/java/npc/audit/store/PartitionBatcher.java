package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Group commit of plain writes that share a partition: a write waits while {@code maxInFlight} requests are out, and
 * the writes to one partition that gathered meanwhile leave together as one unlogged batch. A batch confined to one
 * partition is a single mutation on each replica: applied whole or not at all, with one request, one commit-log
 * entry and no batch log, where the writes one by one would cost a request each. The audit writes a row per step
 * into a few partitions (the minute's intents, the chain's bucket of entries), so under load most of its writes share
 * a request; under no load a write leaves at once, alone, and waits for nothing.
 *
 * <p>What leaves for a partition's gathered writes is {@code combine}'s statement: an unlogged batch of statements
 * ({@link #statements}), or one row holding them all (the audit's block rows).
 *
 * <p>Each write's future completes when its batch is acknowledged, or fails with its batch; the caller retries as it
 * would a single write (every write given here must be idempotent, as plain inserts of fixed values are).
 *
 * @param <T> what one write gives: a statement, or the value of one row of a block
 */
public final class PartitionBatcher<T> {
  private final Function<Statement<?>, CompletionStage<?>> requests;
  private final BiFunction<Object, List<T>, Statement<?>> combine;
  private final int maxInFlight;
  private final int maxRows;
  /** Writes waiting for a request, by partition, the oldest partition first. */
  private final Map<Object, List<Pending<T>>> waiting = new LinkedHashMap<>();
  private int inFlight;

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
    return new PartitionBatcher<>(requests, maxInFlight, maxRows, (partition, rows) -> rows.size() == 1
        ? rows.get(0) : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, new ArrayList<>(rows)));
  }

  /**
   * Writes gathered by partition into one statement each, made by {@code combine} from the partition and its writes
   * in the order they were given.
   */
  public static <T> PartitionBatcher<T> combining(CqlSession session, int maxInFlight, int maxRows,
      BiFunction<Object, List<T>, Statement<?>> combine) {
    return new PartitionBatcher<>(session::executeAsync, maxInFlight, maxRows, combine);
  }

  private PartitionBatcher(Function<Statement<?>, CompletionStage<?>> requests, int maxInFlight, int maxRows,
      BiFunction<Object, List<T>, Statement<?>> combine) {
    if (maxInFlight < 1 || maxRows < 1) {
      throw new IllegalArgumentException("maxInFlight and maxRows must be positive: " + maxInFlight + ", " + maxRows);
    }
    this.requests = requests;
    this.combine = combine;
    this.maxInFlight = maxInFlight;
    this.maxRows = maxRows;
  }

  /** Writes {@code value}, which changes {@code partition} only; completes when it is acknowledged. */
  public CompletableFuture<Void> write(Object partition, T value) {
    Pending<T> pending = new Pending<>(value);
    synchronized (waiting) {
      waiting.computeIfAbsent(partition, p -> new ArrayList<>()).add(pending);
    }
    sendWhatWaits();
    return pending.done;
  }

  private void sendWhatWaits() {
    while (true) {
      List<Pending<T>> batch;
      Object partition;
      synchronized (waiting) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        Iterator<Map.Entry<Object, List<Pending<T>>>> oldest = waiting.entrySet().iterator();
        Map.Entry<Object, List<Pending<T>>> first = oldest.next();
        partition = first.getKey();
        List<Pending<T>> rows = first.getValue();
        if (rows.size() <= maxRows) {
          oldest.remove();
          batch = rows;
        } else {
          batch = new ArrayList<>(rows.subList(0, maxRows));
          rows.subList(0, maxRows).clear();
        }
        inFlight++;
      }
      send(partition, batch);
    }
  }

  private void send(Object partition, List<Pending<T>> batch) {
    List<T> values = new ArrayList<>(batch.size());
    batch.forEach(p -> values.add(p.value));
    CompletableFuture<?> sent;
    try {
      sent = requests.apply(combine.apply(partition, values)).toCompletableFuture();
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

  private record Pending<T>(T value, CompletableFuture<Void> done) {
    Pending(T value) {
      this(value, new CompletableFuture<>());
    }
  }
}
