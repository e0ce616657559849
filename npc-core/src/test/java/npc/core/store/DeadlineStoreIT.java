package npc.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import npc.core.deadline.Deadline;
import npc.core.deadline.Lease;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deadline rows and the firing cursor on the real node. */
class DeadlineStoreIT {
  private static final Instant HOUR = Instant.parse("2026-11-29T03:00:00Z");
  private static Database database;

  @BeforeAll
  static void start() {
    database = TestCassandra.freshDatabase("deadlines");
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void aRoundReadsOnlyTheRowsOfItsShardAndHourWithinItsBoundsInDueOrder() {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    UUID port = UUID.randomUUID();
    Deadline before = deadline(HOUR.plusSeconds(10), port);
    Deadline first = deadline(HOUR.plusSeconds(20), port);
    Deadline second = deadline(HOUR.plusSeconds(30), port);
    Deadline after = deadline(HOUR.plusSeconds(40), port);
    Deadline otherShard = deadline(HOUR.plusSeconds(25), subjectOutside(first.shard()));
    store.add(after);
    store.addAll(List.of(second, before, first, otherShard)); // one request

    assertThat(store.due(Set.of(first.shard()), first.dueHour(), first.dueAt(), second.dueAt()))
        .containsExactly(first, second);
    assertThat(store.due(Set.of(otherShard.shard()), first.dueHour(), first.dueAt(), second.dueAt()))
        .containsExactly(otherShard);
    assertThat(store.due(Set.of(first.shard()), first.dueHour() + 1, first.dueAt(), second.dueAt())).isEmpty();
    assertThat(store.due(Set.of(Lease.LEGACY), first.dueHour(), first.dueAt(), second.dueAt())).isEmpty();
  }

  @Test
  void theRowsAnEarlierVersionWroteAreTheLegacyUnitWithTheCursorItSaved() {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    // An hour of its own: the other tests' rows fall in a random shard, which may be this row's.
    Instant hour = HOUR.plus(Duration.ofHours(5));
    Deadline legacy = deadline(hour.plusSeconds(50), UUID.randomUUID());
    assertThat(store.legacyEmpty()).isTrue();
    assertThat(store.legacyFiredThrough()).isEmpty();
    database.session().execute("INSERT INTO deadlines (due_hour, due_at, kind, subject, msisdn) VALUES (?, ?, ?, ?, ?)",
        legacy.dueHour(), legacy.dueAt(), legacy.kind().name(), legacy.subject(), legacy.msisdn());
    database.session().execute("UPDATE deadline_cursor SET fired_through = ? WHERE name = 'all'", hour);

    assertThat(store.legacyEmpty()).isFalse();
    assertThat(store.legacyFiredThrough()).contains(hour);
    assertThat(store.due(Set.of(Lease.LEGACY), legacy.dueHour(), hour, legacy.dueAt())).containsExactly(legacy);
    assertThat(store.due(Set.of(legacy.shard()), legacy.dueHour(), hour, legacy.dueAt())).isEmpty();
  }

  @Test
  void aRowOutlivesItsDueTimeByTheLookbackAndADay() {
    Instant wallNow = Instant.now();
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session(),
        Clock.fixed(wallNow, ZoneOffset.UTC));
    Deadline inAnHour = deadline(wallNow.plus(Duration.ofHours(1)));
    Deadline overdue = deadline(wallNow.minus(Duration.ofHours(1)));
    store.add(inAnHour);
    store.add(overdue);

    assertThat(ttlOf(inAnHour)).isBetween(CassandraDeadlineStore.KEPT_AFTER_DUE.plusMinutes(59).toSeconds(),
        CassandraDeadlineStore.KEPT_AFTER_DUE.plusHours(1).toSeconds());
    assertThat(ttlOf(overdue)).isBetween(CassandraDeadlineStore.KEPT_AFTER_DUE.minusMinutes(1).toSeconds(),
        CassandraDeadlineStore.KEPT_AFTER_DUE.toSeconds());
  }

  private static Deadline deadline(Instant dueAt) {
    return deadline(dueAt, UUID.randomUUID());
  }

  private static Deadline deadline(Instant dueAt, UUID subject) {
    return new Deadline(dueAt, Deadline.Kind.ACTIVATION, subject, "+8613800138000");
  }

  private static UUID subjectOutside(int shard) {
    while (true) {
      UUID subject = UUID.randomUUID();
      if (deadline(HOUR, subject).shard() != shard) {
        return subject;
      }
    }
  }

  private static long ttlOf(Deadline d) {
    Row row = database.session().execute("SELECT TTL(msisdn) FROM deadline_shards WHERE due_hour = ? AND shard = ? "
        + "AND due_at = ? AND kind = ? AND subject = ?", d.dueHour(), d.shard(), d.dueAt(), d.kind().name(), d.subject()).one();
    return row.getInt(0);
  }
}
