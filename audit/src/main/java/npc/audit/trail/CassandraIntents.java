package npc.audit.trail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.audit.store.PartitionBatcher;
import npc.core.storage.Consistency;
import npc.core.storage.PresentValues;

/**
 * Intents in {@code audit_intents} (the audit schema's V002), one partition a minute, written plainly at the write
 * level and read at the read level: an intent acknowledged is seen by any instance's sweep.
 *
 * <p>Done marks are gathered and written every {@value #FLUSH_MILLIS} ms, one unlogged batch per minute's partition:
 * they are as many as the steps, and nothing waits for them. A mark lost with its instance only makes a sweep record
 * the step again, under the same step id, which counts once.
 */
public final class CassandraIntents implements Intents, AutoCloseable {
  private static final long FLUSH_MILLIS = 250;
  private static final int BATCH = 100;
  private static final int BATCHES_IN_FLIGHT = 4;
  private final CqlSession session;
  private final ConcurrentLinkedQueue<long[]> marks = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audit-intents-done");
    t.setDaemon(true);
    return t;
  });
  /** Intents written at once share a request: they fall into their minute's partition. */
  private final PartitionBatcher writes;
  private final PreparedStatement insert;
  private final PreparedStatement markDone;
  private final PreparedStatement select;

  public CassandraIntents(CqlSession session) {
    this.session = session;
    this.writes = new PartitionBatcher(session, BATCHES_IN_FLIGHT, BATCH);
    insert = session.prepare("INSERT INTO audit_intents (minute, step, instance, step_row, at, actor, kind, subject, "
        + "msisdn, state_before, state_after, reason, evidence, deadline, subscriber, done) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)");
    markDone = session.prepare("UPDATE audit_intents SET done = true WHERE minute = ? AND step = ?");
    select = session.prepare(Consistency.read("SELECT step, instance, step_row, at, actor, kind, subject, msisdn, "
        + "state_before, state_after, reason, evidence, deadline, subscriber, done FROM audit_intents "
        + "WHERE minute = ?"));
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void write(Intent intent) {
    AuditStep s = intent.step();
    BoundStatement row = PresentValues.bind(insert, intent.minute(), s.id(), intent.instance(),
        s.row().map(StepRow::encode).orElseThrow(), s.at(), s.actor().orElse(null), s.kind().name(),
        s.subject().orElse(null), s.msisdn().orElse(null), s.stateBefore().orElse(null), s.stateAfter().orElse(null),
        s.reason().orElse(null), s.evidence(), s.deadline().orElse(null), s.subscriber().orElse(null));
    try {
      writes.write(intent.minute(), row).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public void done(long minute, AuditStep step) {
    marks.add(new long[] {minute, step.id().getMostSignificantBits(), step.id().getLeastSignificantBits()});
  }

  /** Writes the done marks gathered so far, and stops gathering. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  private void flush() {
    Map<Long, List<BatchableStatement<?>>> byMinute = new HashMap<>();
    for (long[] mark = marks.poll(); mark != null; mark = marks.poll()) {
      byMinute.computeIfAbsent(mark[0], m -> new ArrayList<>())
          .add(markDone.bind(mark[0], new UUID(mark[1], mark[2])));
    }
    for (List<BatchableStatement<?>> statements : byMinute.values()) {
      for (int i = 0; i < statements.size(); i += BATCH) {
        session.executeAsync(BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
            statements.subList(i, Math.min(statements.size(), i + BATCH))));
      }
    }
  }

  @Override
  public List<Intent> open(long minute) {
    List<Intent> open = new ArrayList<>();
    for (Row row : session.execute(select.bind(minute))) {
      if (row.getBoolean("done") || row.isNull("kind")) {
        continue;
      }
      AuditStep step = new AuditStep(row.getUuid("step"), row.getInstant("at"),
          AuditKind.valueOf(row.getString("kind")), text(row, "actor"), text(row, "subject"), text(row, "msisdn"),
          text(row, "state_before"), text(row, "state_after"), text(row, "reason"),
          new TreeMap<>(row.getMap("evidence", String.class, String.class)),
          Optional.ofNullable(row.getInstant("deadline")), text(row, "subscriber"),
          Optional.of(StepRow.decode(row.getString("step_row"))));
      open.add(new Intent(minute, row.getString("instance"), step));
    }
    return open;
  }

  private static Optional<String> text(Row row, String column) {
    return Optional.ofNullable(row.getString(column));
  }
}
