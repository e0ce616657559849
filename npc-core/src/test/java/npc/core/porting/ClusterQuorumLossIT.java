package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.core.storage.Database;
import npc.core.storage.Quorum;
import npc.core.storage.RequestWrites;
import npc.core.storage.testing.TestCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A quorum lost on the real cluster: two nodes of three killed with {@code kill -9}. Once the node left sees them
 * down, every request is refused before anything is written (Cassandra's {@code Unavailable} at LOCAL_QUORUM),
 * which is what a carrier is told as {@code NOT_WRITTEN}, and the quorum check that {@code /health} reports says
 * the quorum is lost. With both nodes started again, the same npc instance (never restarted) serves lifecycles.
 * Requests sent before the node left sees the others down may time out instead (outcome unknown): they are
 * counted, not refused as "not written", which would be a lie.
 */
@Tag("cluster")
class ClusterQuorumLossIT {
  private static final Duration LIMIT = Duration.ofSeconds(180);

  @Test
  void withTwoNodesOfThreeKilledRequestsAreRefusedUnwrittenAndHealthSaysSoThenTheyAreServedWithoutARestart()
      throws Exception {
    TestCluster.cluster();
    Regime regime = BenchLifecycles.regime();
    try (Database database = TestCluster.freshDatabase("quorum_lost")) {
      PortingService service = BenchLifecycles.service(database.session(), regime);
      assertThat(BenchLifecycles.run(service, 1).state()).isEqualTo(PortState.COMPLETED);
      assertThat(database.quorum().reachable()).as("quorum with every node up").isTrue();

      Map<String, Integer> unknown = new TreeMap<>();
      Quorum lost = null;
      TestCluster.kill(2);
      TestCluster.kill(3);
      try {
        TestCluster.await(() -> !database.quorum().reachable(), "the quorum check says the quorum is lost",
            LIMIT);
        lost = database.quorum();
        TestCluster.await(() -> refusedUnwritten(service, unknown), "a code request refused with nothing written",
            LIMIT);
        assertThat(refusedUnwritten(service, unknown)).as("the next request, refused before writing too").isTrue();
      } finally {
        TestCluster.restart(2);
        TestCluster.restart(3);
      }
      System.out.printf("quorum lost: %s; requests whose outcome was unknown before the node saw the others down: "
          + "%s%n", lost.detail(), unknown);
      assertThat(lost.detail()).contains("2 needed");

      TestCluster.await(() -> database.quorum().reachable(), "the quorum check says the quorum is back",
          LIMIT);
      Map<String, Integer> resent = new ConcurrentHashMap<>();
      Port port = BenchLifecycles.run(service, 2,
          new BenchLifecycles.Resending(60, Duration.ofMillis(500), () -> "quorum back", resent));
      System.out.printf("quorum back: a lifecycle completed on the same instance; requests sent again: %s%n", resent);
      assertThat(port.state()).isEqualTo(PortState.COMPLETED);
    }
  }

  /**
   * Asks for a code; true when it was refused with nothing written, false when its outcome is unknown (counted in
   * {@code unknown}). A code issued, or any other failure, fails the test.
   */
  private static boolean refusedUnwritten(PortingService service, Map<String, Integer> unknown) {
    try (RequestWrites writes = RequestWrites.open()) {
      try {
        service.issueCode(BenchLifecycles.DONOR, BenchLifecycles.number(3), BenchLifecycles.SUBSCRIBER);
      } catch (RuntimeException e) {
        assertThat(RequestWrites.databaseFailed(e)).as("a failure of the database: %s", e).isTrue();
        if (writes.nothingWritten()) {
          return true;
        }
        unknown.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        return false;
      }
    }
    throw new AssertionError("a code was issued with one node of three");
  }
}
