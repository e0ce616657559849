package npc.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import npc.core.numbering.NumberPlan;
import npc.core.regime.RegimeLoader;
import npc.core.routing.RouteChange;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.storage.testing.Tombstones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows written with absent optional values (a notice about no port state, a route back to the range holder) hold no
 * tombstone: the node's trace of a read of them counts none, and they read back the same. A null bound for an absent
 * value would be a deleted cell in every such row, which every read of its partition has to skip.
 */
class AbsentValuesIT {
  private static final NumberPlan PLAN = RegimeLoader.builtIn("cn").numbers();
  private static final CarrierId CM = new CarrierId("CM");
  private static Database database;

  @BeforeAll
  static void start() {
    database = TestCassandra.freshDatabase("absent_values");
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void aNoticeWithoutPortStateWritesNoTombstone() {
    CassandraOutbox outbox = new CassandraOutbox(database.session(), Clock.systemUTC());
    Instant before = Instant.now().minusMillis(1);
    UUID query = UUID.randomUUID();
    outbox.enqueue(Notice.Kind.QUERY, query, "+8613800138002", Optional.empty(), List.of(CM));

    List<Notice> read = outbox.read(CM, before.minus(Duration.ofHours(1)), Optional.empty(), 10);
    assertThat(read).singleElement().satisfies(n -> {
      assertThat(n.subject()).isEqualTo(query);
      assertThat(n.portState()).isEmpty();
    });
    long hour = Math.floorDiv(Uuids.unixTimestamp(read.get(0).id()), 3_600_000L);
    Tombstones.Counted counted = Tombstones.read(database.session(),
        "SELECT * FROM outbox WHERE carrier = ? AND hour = ?", CM.value(), hour);
    assertThat(counted.liveRows()).isEqualTo(1);
    assertThat(counted.tombstoneCells()).isZero();
  }

  @Test
  void aRouteBackToTheRangeHolderWritesNoTombstone() {
    CassandraRoutingLog log = new CassandraRoutingLog(database.session(), PLAN);
    RouteChange change = new RouteChange(0, PLAN.parse("13800138003").orElseThrow(), Optional.empty(),
        Optional.empty(), 2, Optional.empty(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    RouteChange written = log.append(change);

    assertThat(log.readAfter(written.position() - 1, 1)).containsExactly(written);
    Tombstones.Counted counted = Tombstones.read(database.session(),
        "SELECT * FROM routing_log WHERE segment = 0 AND position = ?", written.position());
    assertThat(counted.liveRows()).isEqualTo(1);
    assertThat(counted.tombstoneCells()).isZero();
  }
}
