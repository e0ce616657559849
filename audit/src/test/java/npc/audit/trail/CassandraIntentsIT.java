package npc.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.testing.SampleExport;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intents as block rows on the test node: open until a done row names them, whatever block holds them; and how far the
 * sweeps reached, kept so that a sweeper after a long outage starts there.
 */
class CassandraIntentsIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  private static Database database;

  @BeforeAll
  static void open() {
    database = Database.open(TestCassandra.freshKeyspaceSettings("intent_blocks"), List.of(AuditSchema.migrations()));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void intentsWrittenTogetherAreOpenUntilADoneRowNamesThemWhicheverBlockHoldsThem() throws Exception {
    long minute = Intents.minuteOf(T0);
    List<Intents.Intent> written = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      written.add(new Intents.Intent(minute + i % 2, "instance-" + i % 3, step(i)));
    }
    ExecutorService writers = Executors.newFixedThreadPool(16);
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      CompletableFuture.allOf(written.stream().map(intent -> CompletableFuture.supplyAsync(() -> intents.write(intent),
          writers).thenCompose(durable -> durable)).toArray(CompletableFuture[]::new)).join();
      for (int i = 0; i < written.size(); i += 3) {
        intents.done(written.get(i).minute(), written.get(i).step());
      }
    } finally {
      writers.shutdown();
    }
    long blocks = database.session().execute("SELECT minute FROM audit_intent_blocks WHERE minute IN (?, ?)",
        minute, minute + 1).all().size();

    CassandraIntents reader = new CassandraIntents(database.session());
    for (long m = minute; m <= minute + 1; m++) {
      long of = m;
      List<Intents.Intent> open = new ArrayList<>();
      for (int i = 0; i < written.size(); i++) {
        if (i % 3 != 0 && written.get(i).minute() == of) {
          open.add(written.get(i));
        }
      }
      assertThat(reader.open(m)).as("minute " + m).containsExactlyInAnyOrderElementsOf(open);
    }
    reader.close();
    assertThat(blocks).as("intents written together share a row").isLessThan(written.size());
  }

  @Test
  void anIntentWrittenAsARowBeforeBlockRowsIsReadAndClosedByADoneRow() {
    long minute = Intents.minuteOf(T0) + 10;
    AuditStep step = step(7);
    database.session().execute("INSERT INTO audit_intents (minute, step, instance, step_row, at, kind, subject, msisdn, "
        + "evidence, done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false)", minute, step.id(), "old-release",
        step.row().orElseThrow().encode(), step.at(), step.kind().name(), step.subject().orElseThrow(),
        step.msisdn().orElseThrow(), step.evidence());

    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      assertThat(intents.open(minute)).containsExactly(new Intents.Intent(minute, "old-release", step));
      intents.done(minute, step);
    }
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      assertThat(intents.open(minute)).isEmpty();
    }
  }

  @Test
  void aSweepReadsTheBodiesOnlyOfTheBlocksWithAStepStillOpen() {
    long minute = Intents.minuteOf(T0) + 20;
    List<Intents.Intent> done = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      done.add(new Intents.Intent(minute, "instance-1", step(100 + i)));
    }
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      CompletableFuture.allOf(done.stream().map(i -> intents.write(i).toCompletableFuture())
          .toArray(CompletableFuture[]::new)).join();
      done.forEach(i -> intents.done(minute, i.step()));
    }
    // Every body of the minute so far made unreadable: a sweep that decoded the blocks whose steps are all done fails.
    for (Row row : database.session().execute("SELECT block FROM audit_intent_blocks WHERE minute = ?", minute)) {
      database.session().execute("UPDATE audit_intent_blocks SET body = 0xdeadbeef WHERE minute = ? AND block = ?",
          minute, row.getUuid("block"));
    }
    Intents.Intent open = new Intents.Intent(minute, "instance-2", step(110));
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      intents.write(open).toCompletableFuture().join();
      assertThat(intents.open(minute)).containsExactly(open);
    }
  }

  @Test
  void aBlockWrittenBeforeBlocksListedTheirStepsIsReadWholeAndClosedByADoneRow() {
    long minute = Intents.minuteOf(T0) + 30;
    Intents.Intent intent = new Intents.Intent(minute, "v006-release", step(120));
    database.session().execute("INSERT INTO audit_intent_blocks (minute, block, body) VALUES (?, ?, ?)", minute,
        Uuids.timeBased(), IntentEncoding.block(List.of(intent)));

    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      assertThat(intents.open(minute)).containsExactly(intent);
      intents.done(minute, intent.step());
    }
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      assertThat(intents.open(minute)).isEmpty();
    }
  }

  /**
   * Every instance down for three hours: an intent left open before is older than a new sweeper's hour of look-back,
   * and is judged all the same because the sweeps kept how far they had reached.
   */
  @Test
  void aSweeperStartsWhereTheSweepsStoppedWhenEveryInstanceWasDownLongerThanItsHorizon() {
    long minute = Intents.minuteOf(T0) + 100;
    Instant before = T0.plus(Duration.ofMinutes(100));
    AuditStep step = step(8);
    Instant after = before.plus(Duration.ofHours(3));
    try (CassandraIntents intents = new CassandraIntents(database.session()); ChainAppender earlier = chain(before);
        ChainAppender later = chain(after)) {
      new IntentSweeper(intents, applied -> Optional.of(applied), earlier, Clock.fixed(before, ZoneOffset.UTC),
          Duration.ofSeconds(30), Duration.ofHours(1)).sweep();
      assertThat(intents.sweptTo()).as("the last sweep before the outage keeps how far it reached")
          .hasValue(Intents.minuteOf(before.minusSeconds(30)));
      // Its instance stops before the step's entry.
      intents.write(new Intents.Intent(minute, "gone", step)).toCompletableFuture().join();

      int recorded = new IntentSweeper(intents, applied -> Optional.of(applied), later,
          Clock.fixed(after, ZoneOffset.UTC), Duration.ofSeconds(30), Duration.ofHours(1)).sweep();

      assertThat(recorded).as("the step left open three hours ago is recorded").isEqualTo(1);
      assertThat(intents.sweptTo()).hasValue(Intents.minuteOf(after.minusSeconds(30)));
    }
  }

  /**
   * An intent and its done mark are needed for seconds, or for an outage of every instance; kept forever, the intents
   * grew the database about as fast as the entries. Both expire after thirty days, in files by the day that are
   * dropped whole.
   */
  @Test
  void anIntentAndItsDoneMarkExpireAfterThirtyDaysInFilesDroppedWholeByTheDay() {
    long minute = Intents.minuteOf(Instant.now());
    Intents.Intent intent = new Intents.Intent(minute, "instance-1", step(130));
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      intents.write(intent).toCompletableFuture().join();
      intents.done(minute, intent.step());
    }
    long thirtyDays = Duration.ofDays(30).toSeconds();
    String keyspace = database.session().getKeyspace().orElseThrow().asInternal();
    for (String table : List.of("audit_intent_blocks", "audit_intent_done")) {
      List<Row> rows = database.session().execute("SELECT TTL(steps) FROM " + table + " WHERE minute = ?", minute)
          .all();
      assertThat(rows).as(table).isNotEmpty();
      for (Row row : rows) {
        assertThat(row.isNull(0)).as(table + ": a row that never expires").isFalse();
        assertThat((long) row.getInt(0)).as(table + ": seconds left to live")
            .isBetween(thirtyDays - Duration.ofMinutes(5).toSeconds(), thirtyDays);
      }
      Map<String, String> compaction = database.session().execute("SELECT compaction FROM system_schema.tables "
          + "WHERE keyspace_name = ? AND table_name = ?", keyspace, table).one()
          .getMap("compaction", String.class, String.class);
      assertThat(compaction).as(table).containsEntry("class",
          "org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy")
          .containsEntry("compaction_window_unit", "DAYS").containsEntry("compaction_window_size", "1");
    }
  }

  private static ChainAppender chain(Instant at) {
    return ChainAppender.open("sweeper", new CassandraAuditStore(database.session()), SampleExport.signer(),
        Clock.fixed(at, ZoneOffset.UTC), new CheckpointPolicy(1_000, Duration.ofSeconds(10)), 16);
  }

  private static AuditStep step(int i) {
    String number = "+86138001380" + String.format("%02d", i % 100);
    return AuditStep.of(UUID.randomUUID(), AuditKind.PORT_OPENED, T0.plusMillis(i)).about("p-" + i, number)
        .withAll(Map.of("n", Integer.toString(i))).withRow(new StepRow.PortRow(number, new UUID(0, i)));
  }
}
