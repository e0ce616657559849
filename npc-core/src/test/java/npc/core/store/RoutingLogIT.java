package npc.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import npc.core.carrier.CarrierId;
import npc.core.numbering.NumberPlan;
import npc.core.regime.RegimeLoader;
import npc.core.routing.RouteChange;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing log's order when two instances, each with many threads, append at once. */
class RoutingLogIT {
  private static final long SMALL_SEGMENT = 64; // so that appends and reads cross many segment boundaries
  private static final NumberPlan PLAN = RegimeLoader.builtIn("cn").numbers();
  private static Database first;
  private static Database second;

  @BeforeAll
  static void start() {
    first = TestCassandra.freshDatabase("routing_log");
    second = TestCassandra.anotherSession(first);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @Test
  void concurrentAppendsFromTwoInstancesGetDenseDistinctPositionsInOrder() throws Exception {
    CassandraRoutingLog a = new CassandraRoutingLog(first.session(), PLAN, SMALL_SEGMENT);
    CassandraRoutingLog b = new CassandraRoutingLog(second.session(), PLAN, SMALL_SEGMENT);
    int threads = 8;
    int perThread = 60;
    ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
    List<Future<List<RouteChange>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < 2 * threads; t++) {
        CassandraRoutingLog log = t % 2 == 0 ? a : b;
        int thread = t;
        futures.add(pool.submit(() -> {
          List<RouteChange> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            String number = String.format("1380%03d%04d", thread, i);
            mine.add(log.append(new RouteChange(0, PLAN.parse(number).orElseThrow(),
                Optional.of(new CarrierId("CU")), Optional.empty(), 1, Optional.empty(), Instant.EPOCH)));
          }
          return mine;
        }));
      }
      List<RouteChange> written = new ArrayList<>();
      for (Future<List<RouteChange>> f : futures) {
        written.addAll(f.get());
      }
      int total = 2 * threads * perThread;
      Set<Long> positions = new HashSet<>();
      written.forEach(c -> positions.add(c.position()));
      assertThat(positions).as("distinct positions").hasSize(total);
      assertThat(positions).as("dense from 1").allMatch(p -> p >= 1 && p <= total);

      List<RouteChange> read = new ArrayList<>();
      long after = 0;
      while (read.size() < total) {
        List<RouteChange> page = a.readAfter(after, 100);
        assertThat(page).as("a page after %d", after).isNotEmpty();
        read.addAll(page);
        after = page.get(page.size() - 1).position();
      }
      for (int i = 0; i < read.size(); i++) {
        assertThat(read.get(i).position()).isEqualTo(i + 1);
      }
      assertThat(read).containsExactlyInAnyOrderElementsOf(written);
      assertThat(b.head()).isEqualTo(total);
      assertThat(a.readAfter(total, 10)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
