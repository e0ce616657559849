package npc.audit.trail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import npc.audit.store.PartitionBatcher;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.core.storage.Consistency;

/**
 * Intents as block rows ({@code audit_intent_blocks}, the audit schema's V006), one partition a minute: the intents
 * one group commit gathers for a minute leave as one row ({@link IntentEncoding}), written plainly at the write level
 * and read at the read level, so an intent acknowledged is seen by any instance's sweep.
 *
 * <p>Done marks are gathered and written every {@value #FLUSH_MILLIS} ms, one row per minute in {@code
 * audit_intent_done}: they are as many as the steps, and nothing waits for them. A mark lost with its instance only
 * makes a sweep record the step again, under the same step id, which counts once. An intent is open while no done row
 * of its minute names it.
 *
 * <p>Each block also lists its step ids apart from its body (V009), so a minute's sweep reads the step ids and the
 * done rows, 16 bytes a step each, and decodes the bodies only of the blocks with a step still open: under load
 * almost none, where it read and decoded every intent of the minute.
 *
 * <p>Intents written by a release before V006 (a row each in V002's {@code audit_intents}) are still read, and a
 * done row closes them as it closes the others.
 */
public final class CassandraIntents implements Intents, AutoCloseable {
  private static final long FLUSH_MILLIS = 250;
  /** The most intents one block row holds. */
  private static final int BLOCK = 100;
  /**
   * One block in flight at a time: the intents given meanwhile leave together as the next block (a group commit). A
   * step waits for its intent, so at most for the block in flight and its own; measured against 2 and 4 in flight in
   * audit/BENCHMARKS.md.
   */
  private static final int BLOCKS_IN_FLIGHT = 1;
  /** Step ids one done row holds at most (16 bytes each). */
  private static final int DONE_ROW = 4_096;
  /** Block rows one page of a minute's read holds: their step ids, about {@value #BLOCK} each. */
  private static final int PAGE_ROWS = 200;
  private final CqlSession session;
  private final ConcurrentLinkedQueue<Mark> marks = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audit-intents-done");
    t.setDaemon(true);
    return t;
  });
  /** Intents written at once share a request and a row: they fall into their minute's partition. */
  private final PartitionBatcher<Intent> writes;
  private final PreparedStatement insertBlock;
  private final PreparedStatement insertDone;
  private final PreparedStatement selectSteps;
  private final PreparedStatement selectBlock;
  private final PreparedStatement selectDone;
  private final PreparedStatement selectRows;
  private final PreparedStatement selectSwept;
  private final PreparedStatement updateSwept;

  public CassandraIntents(CqlSession session) {
    this.session = session;
    insertBlock = session.prepare("INSERT INTO audit_intent_blocks (minute, block, body, steps) VALUES (?, ?, ?, ?)");
    insertDone = session.prepare("INSERT INTO audit_intent_done (minute, block, steps) VALUES (?, ?, ?)");
    selectSteps = session.prepare(Consistency.read("SELECT block, steps FROM audit_intent_blocks WHERE minute = ?"));
    selectBlock = session.prepare(Consistency.read("SELECT body FROM audit_intent_blocks WHERE minute = ? "
        + "AND block = ?"));
    selectDone = session.prepare(Consistency.read("SELECT steps FROM audit_intent_done WHERE minute = ?"));
    selectRows = session.prepare(Consistency.read("SELECT step, instance, step_row, at, actor, kind, subject, msisdn, "
        + "state_before, state_after, reason, evidence, deadline, subscriber, done FROM audit_intents "
        + "WHERE minute = ?"));
    selectSwept = session.prepare(Consistency.read("SELECT swept_to FROM audit_sweep WHERE id = 'intents'"));
    updateSwept = session.prepare("UPDATE audit_sweep SET swept_to = ? WHERE id = 'intents'");
    this.writes = PartitionBatcher.combining(session, BLOCKS_IN_FLIGHT, BLOCK,
        (minute, intents) -> insertBlock.bind(minute, Uuids.timeBased(), IntentEncoding.block(intents),
            IntentEncoding.done(intents.stream().map(i -> i.step().id()).toList())));
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletionStage<Void> write(Intent intent) {
    return writes.write(intent.minute(), intent);
  }

  @Override
  public void done(long minute, AuditStep step) {
    marks.add(new Mark(minute, step.id()));
  }

  /**
   * Stops gathering and writes the done marks gathered so far, waiting (up to 10 s) until they are acknowledged: a
   * mark that fails only makes a sweep record its step again, under the same step id.
   */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
      CompletableFuture.allOf(flush().stream().map(f -> f.toCompletableFuture().exceptionally(e -> null))
          .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // as a mark lost with its instance: a sweep records the step again
    }
  }

  /** Sends the done marks gathered so far; returns the writes sent. */
  private List<CompletionStage<?>> flush() {
    Map<Long, List<UUID>> byMinute = new HashMap<>();
    for (Mark mark = marks.poll(); mark != null; mark = marks.poll()) {
      byMinute.computeIfAbsent(mark.minute, m -> new ArrayList<>()).add(mark.step);
    }
    List<CompletionStage<?>> sent = new ArrayList<>();
    byMinute.forEach((minute, steps) -> {
      for (int i = 0; i < steps.size(); i += DONE_ROW) {
        sent.add(session.executeAsync(insertDone.bind(minute, Uuids.timeBased(),
            IntentEncoding.done(steps.subList(i, Math.min(steps.size(), i + DONE_ROW))))));
      }
    });
    return sent;
  }

  @Override
  public List<Intent> open(long minute) {
    Set<UUID> done = new HashSet<>();
    for (Row row : session.execute(selectDone.bind(minute))) {
      done.addAll(IntentEncoding.doneSteps(row.getByteBuffer("steps")));
    }
    Map<UUID, Intent> open = new java.util.LinkedHashMap<>();
    for (Row row : session.execute(selectSteps.bind(minute).setPageSize(PAGE_ROWS))) {
      ByteBuffer steps = row.getByteBuffer("steps"); // absent from blocks written before V009
      if (steps != null && done.containsAll(IntentEncoding.doneSteps(steps))) {
        continue;
      }
      Row block = session.execute(selectBlock.bind(minute, row.getUuid("block"))).one();
      if (block == null) {
        continue;
      }
      for (Intent intent : IntentEncoding.intents(minute, block.getByteBuffer("body"))) {
        if (!done.contains(intent.step().id())) {
          open.putIfAbsent(intent.step().id(), intent);
        }
      }
    }
    for (Row row : session.execute(selectRows.bind(minute))) {
      if (!row.getBoolean("done") && !row.isNull("kind") && !done.contains(row.getUuid("step"))) {
        open.putIfAbsent(row.getUuid("step"), rowIntent(minute, row));
      }
    }
    return new ArrayList<>(open.values());
  }

  /** How far the sweep reached, kept in {@code audit_sweep} (audit V007). */
  @Override
  public OptionalLong sweptTo() {
    Row row = session.execute(selectSwept.bind()).one();
    return row == null || row.isNull("swept_to") ? OptionalLong.empty() : OptionalLong.of(row.getLong("swept_to"));
  }

  @Override
  public void sweptTo(long minute) {
    session.execute(updateSwept.bind(minute));
  }

  /** An intent as a release before V006 wrote it, a row of its own. */
  private static Intent rowIntent(long minute, Row row) {
    AuditStep step = new AuditStep(row.getUuid("step"), row.getInstant("at"),
        AuditKind.valueOf(row.getString("kind")), text(row, "actor"), text(row, "subject"), text(row, "msisdn"),
        text(row, "state_before"), text(row, "state_after"), text(row, "reason"),
        new TreeMap<>(row.getMap("evidence", String.class, String.class)),
        Optional.ofNullable(row.getInstant("deadline")), text(row, "subscriber"),
        Optional.of(StepRow.decode(row.getString("step_row"))));
    return new Intent(minute, row.getString("instance"), step);
  }

  private static Optional<String> text(Row row, String column) {
    return Optional.ofNullable(row.getString(column));
  }

  private record Mark(long minute, UUID step) {}
}
