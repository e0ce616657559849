package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCluster;
import npc.core.store.CassandraPortStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One node of three killed with {@code kill -9} while two npc instances run lifecycles: lifecycles keep completing
 * while it is down, every lifecycle that completed is found complete afterwards (read at QUORUM), and the node
 * comes back, is seen up by both instances, and lifecycles complete after it. The node killed is node 1: the seed,
 * and the first contact point, so most likely the driver's control node.
 *
 * <p>Requests that failed are counted and printed by kind and phase, not asserted: on 2 processors shared by three
 * nodes, conditional writes time out even before the kill (a WriteTimeout of a CAS write, outcome unknown), and the
 * requests in flight on the killed node fail with a closed connection. What a failed request must tell a carrier
 * (not written, or unknown) and the levels that make a single replica's loss harmless are issue 11's items 2 and 3;
 * with them, assert that none fails.
 */
@Tag("cluster")
class ClusterNodeLossIT {
  private static final int KILLED = 1;
  private static final int WORKERS = 4;
  /** Lifecycles completed before the kill, while the node is down, and once it is back. */
  private static final int PER_PHASE = 15;
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(180);

  @Test
  void aNodeKilledInTheMiddleOfLifecyclesLosesNothingAcknowledgedAndComesBack() throws Exception {
    TestCluster.cluster();
    Regime regime = BenchLifecycles.regime();
    try (Database first = TestCluster.freshDatabase("node_loss");
        Database second = TestCluster.anotherSession(first)) {
      PortingService[] instances = {BenchLifecycles.service(first.session(), regime),
          BenchLifecycles.service(second.session(), regime)};
      Map<Long, Port> completed = new ConcurrentHashMap<>();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      AtomicReference<String> phase = new AtomicReference<>("before the kill");
      AtomicLong numbers = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      try {
        for (int w = 0; w < WORKERS; w++) {
          pool.submit(() -> {
            while (running.get()) {
              long n = numbers.incrementAndGet();
              try {
                completed.put(n, BenchLifecycles.run(instances[(int) (n % 2)], n));
              } catch (RuntimeException e) {
                failures.merge(phase.get() + ": " + e.getClass().getSimpleName(), 1, Integer::sum);
              }
            }
          });
        }
        awaitCompleted(completed, PER_PHASE, "before the kill");
        phase.set("node down or restarting");
        TestCluster.kill(KILLED);
        long killedAt = System.nanoTime();
        int atKill = completed.size();
        awaitCompleted(completed, atKill + PER_PHASE, "with node " + KILLED + " down");
        TestCluster.restart(KILLED);
        System.out.printf("node loss: node %d down %.1f s; lifecycles completed before %d, while down or "
            + "restarting %d%n", KILLED, (System.nanoTime() - killedAt) / 1e9, atKill, completed.size() - atKill);
        await(() -> isUp(first.session()) && isUp(second.session()), "both sessions see node " + KILLED + " up");
        phase.set("after the return");
        awaitCompleted(completed, completed.size() + PER_PHASE, "after node " + KILLED + " returned");
      } finally {
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("lifecycles stopped").isTrue();
      }
      System.out.printf("node loss: %d lifecycles completed; failed requests by phase and kind: %s%n",
          completed.size(), failures);

      // Reads are at LOCAL_QUORUM (one datacenter: a quorum of every replica set), whichever node answers.
      CassandraPortStore store = new CassandraPortStore(first.session(), regime.numbers());
      for (Map.Entry<Long, Port> done : completed.entrySet()) {
        assertThat(store.port(done.getValue().id()))
            .as("completed lifecycle %d, read at QUORUM", done.getKey())
            .hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PortState.COMPLETED));
      }
      System.out.printf("node loss: %d lifecycles, all found completed at QUORUM%n", completed.size());
    }
  }

  private static boolean isUp(CqlSession session) {
    InetSocketAddress killed = TestCluster.cluster().contactPoints().get(KILLED - 1);
    return session.getMetadata().getNodes().values().stream()
        .filter(n -> n.getEndPoint().resolve().equals(killed))
        .anyMatch(n -> n.getState() == NodeState.UP);
  }

  private static void awaitCompleted(Map<Long, Port> completed, int count, String phase)
      throws InterruptedException {
    await(() -> completed.size() >= count, count + " lifecycles completed " + phase);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PHASE_LIMIT.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
