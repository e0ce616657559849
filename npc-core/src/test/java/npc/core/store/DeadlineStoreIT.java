package npc.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import npc.core.deadline.Deadline;
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
  void aRoundReadsOnlyTheRowsOfItsHourWithinItsBoundsInDueOrder() {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    Deadline before = deadline(HOUR.plusSeconds(10));
    Deadline first = deadline(HOUR.plusSeconds(20));
    Deadline second = deadline(HOUR.plusSeconds(30));
    Deadline after = deadline(HOUR.plusSeconds(40));
    store.add(after);
    store.addAll(List.of(second, before, first)); // one request, rows of one partition

    assertThat(store.due(first.dueHour(), first.dueAt(), second.dueAt())).containsExactly(first, second);
    assertThat(store.due(first.dueHour() + 1, first.dueAt(), second.dueAt())).isEmpty();
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

  @Test
  void theCursorIsWhatWasLastRecorded() {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    assertThat(store.firedThrough()).isEmpty();
    store.recordFiredThrough(HOUR);
    store.recordFiredThrough(HOUR.plusSeconds(10));

    assertThat(new CassandraDeadlineStore(database.session()).firedThrough()).contains(HOUR.plusSeconds(10));
  }

  private static Deadline deadline(Instant dueAt) {
    return new Deadline(dueAt, Deadline.Kind.ACTIVATION, UUID.randomUUID(), "+8613800138000");
  }

  private static long ttlOf(Deadline d) {
    Row row = database.session().execute("SELECT TTL(msisdn) FROM deadlines WHERE due_hour = ? AND due_at = ? "
        + "AND kind = ? AND subject = ?", d.dueHour(), d.dueAt(), d.kind().name(), d.subject()).one();
    return row.getInt(0);
  }
}
