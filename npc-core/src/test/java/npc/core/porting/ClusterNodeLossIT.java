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
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCluster;
import npc.core.store.CassandraPortStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One node of three killed with {@code kill -9} while two npc instances run lifecycles: no request fails, lifecycles
 * keep completing while it is down, every lifecycle that completed is found complete afterwards (read at QUORUM),
 * and the node comes back, is seen up by both instances, and lifecycles complete after it. The node killed is node
 * 1: the seed, and the first contact point, so most likely the driver's control node.
 *
 * <p>The carriers act as the protocol asks: a request whose outcome the clearinghouse could not tell (the database
 * did not answer in time, or the connection to the node serving it was lost with it in flight) is sent again, with
 * the same idempotency key, after a pause. A request fails when it is refused, or when it still fails after
 * {@link #ATTEMPTS} attempts; none may. How many attempts needed a resend is printed by phase and kind: on two
 * processors shared by three nodes, conditional writes time out now and then even before the kill.
 */
@Tag("cluster")
class ClusterNodeLossIT {
  private static final int KILLED = 1;
  private static final int WORKERS = 4;
  /** Lifecycles completed before the kill, while the node is down, and once it is back. */
  private static final int PER_PHASE = 15;
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(180);
  /** Attempts of one request, a {@link #PAUSE} apart: a carrier resends for 30 s before it gives up. */
  private static final int ATTEMPTS = 60;
  private static final Duration PAUSE = Duration.ofMillis(500);

  @Test
  void aNodeKilledInTheMiddleOfLifecyclesLosesNothingAcknowledgedAndComesBack() throws Exception {
    TestCluster.cluster();
    Regime regime = BenchLifecycles.regime();
    try (Database first = TestCluster.freshDatabase("node_loss");
        Database second = TestCluster.anotherSession(first)) {
      PortingService[] instances = {BenchLifecycles.service(first.session(), regime),
          BenchLifecycles.service(second.session(), regime)};
      Map<Long, Port> completed = new ConcurrentHashMap<>();
      Map<String, Integer> resent = new ConcurrentHashMap<>();
      Map<String, Integer> failed = new ConcurrentHashMap<>();
      AtomicReference<String> phase = new AtomicReference<>("before the kill");
      AtomicLong numbers = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      try {
        for (int w = 0; w < WORKERS; w++) {
          pool.submit(() -> {
            while (running.get()) {
              long n = numbers.incrementAndGet();
              BenchLifecycles.Sender carrier = new BenchLifecycles.Resending(ATTEMPTS, PAUSE, phase::get, resent);
              try {
                completed.put(n, BenchLifecycles.run(instances[(int) (n % 2)], n, carrier));
              } catch (RuntimeException e) {
                failed.merge(phase.get() + ": " + e, 1, Integer::sum);
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
        TestCluster.await(() -> isUp(first.session()) && isUp(second.session()),
            "both sessions see node " + KILLED + " up", PHASE_LIMIT);
        phase.set("after the return");
        awaitCompleted(completed, completed.size() + PER_PHASE, "after node " + KILLED + " returned");
      } finally {
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("lifecycles stopped").isTrue();
      }
      System.out.printf("node loss: %d lifecycles completed; requests sent again by phase and failure: %s; "
          + "requests failed: %s%n", completed.size(), resent, failed);
      assertThat(failed).as("requests refused, or failed after %d attempts", ATTEMPTS).isEmpty();

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
    TestCluster.await(() -> completed.size() >= count, count + " lifecycles completed " + phase,
        PHASE_LIMIT);
  }

}
