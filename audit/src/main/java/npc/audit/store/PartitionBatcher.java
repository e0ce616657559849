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
import java.util.function.Function;

/**
 * Group commit of plain writes that share a partition: a write waits while {@code maxInFlight} requests are out, and
 * the writes to one partition that gathered meanwhile leave together as one unlogged batch. A batch confined to one
 * partition is a single mutation on each replica: applied whole or not at all, with one request, one commit-log
 * entry and no batch log, where the writes one by one would cost a request each. The audit writes a row per step
 * into a few partitions (the minute's intents, the chain's bucket of entries), so under load most of its writes share
 * a request; under no load a write leaves at once, alone, and waits for nothing.
 *
 * <p>Each write's future completes when its batch is acknowledged, or fails with its batch; the caller retries as it
 * would a single write (every write given here must be idempotent, as plain inserts of fixed values are).
 */
public final class PartitionBatcher {
  private final Function<Statement<?>, CompletionStage<?>> requests;
  private final int maxInFlight;
  private final int maxRows;
  /** Writes waiting for a request, by partition, the oldest partition first. */
  private final Map<Object, List<Pending>> waiting = new LinkedHashMap<>();
  private int inFlight;

  /**
   * @param maxInFlight batches out at once; a write waits only while this many are
   * @param maxRows     rows one batch holds at most
   */
  public PartitionBatcher(CqlSession session, int maxInFlight, int maxRows) {
    this(session::executeAsync, maxInFlight, maxRows);
  }

  /** Sends its requests through {@code requests} (the session's {@code executeAsync}, or a test's). */
  PartitionBatcher(Function<Statement<?>, CompletionStage<?>> requests, int maxInFlight, int maxRows) {
    if (maxInFlight < 1 || maxRows < 1) {
      throw new IllegalArgumentException("maxInFlight and maxRows must be positive: " + maxInFlight + ", " + maxRows);
    }
    this.requests = requests;
    this.maxInFlight = maxInFlight;
    this.maxRows = maxRows;
  }

  /** Writes {@code statement}, which changes {@code partition} only; completes when it is acknowledged. */
  public CompletableFuture<Void> write(Object partition, BatchableStatement<?> statement) {
    Pending pending = new Pending(statement);
    synchronized (waiting) {
      waiting.computeIfAbsent(partition, p -> new ArrayList<>()).add(pending);
    }
    sendWhatWaits();
    return pending.done;
  }

  private void sendWhatWaits() {
    while (true) {
      List<Pending> batch;
      synchronized (waiting) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        Iterator<List<Pending>> oldest = waiting.values().iterator();
        List<Pending> rows = oldest.next();
        if (rows.size() <= maxRows) {
          oldest.remove();
          batch = rows;
        } else {
          batch = new ArrayList<>(rows.subList(0, maxRows));
          rows.subList(0, maxRows).clear();
        }
        inFlight++;
      }
      send(batch);
    }
  }

  private void send(List<Pending> batch) {
    Statement<?> request;
    if (batch.size() == 1) {
      request = batch.get(0).statement;
    } else {
      List<BatchableStatement<?>> rows = new ArrayList<>(batch.size());
      batch.forEach(p -> rows.add(p.statement));
      request = BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows);
    }
    CompletableFuture<?> sent;
    try {
      sent = requests.apply(request).toCompletableFuture();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((rs, error) -> {
      synchronized (waiting) {
        inFlight--;
      }
      for (Pending p : batch) {
        if (error == null) {
          p.done.complete(null);
        } else {
          p.done.completeExceptionally(error);
        }
      }
      sendWhatWaits();
    });
  }

  private record Pending(BatchableStatement<?> statement, CompletableFuture<Void> done) {
    Pending(BatchableStatement<?> statement) {
      this(statement, new CompletableFuture<>());
    }
  }
}
