package npc.core.porting;

import npc.core.storage.Database;
import npc.core.storage.testing.TestCluster;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Two npc instances racing on the 3-node cluster, three replicas of each row: every test of
 * {@link ConcurrentInstancesIT}, where conditional writes are Paxos rounds among replicas and each instance's
 * session reaches every node.
 */
class ClusterInstancesIT extends ConcurrentInstancesIT {
  @Override
  Database freshDatabase(String purpose) {
    return TestCluster.freshDatabase("cluster_" + purpose);
  }

  @Override
  Database anotherSession(Database database) {
    return TestCluster.anotherSession(database);
  }

  /**
   * Fails on the cluster while plain reads and writes run at the driver's default, {@code LOCAL_ONE}: instance b's
   * round, or the read of the port after it, reached a replica that did not yet hold a's acknowledgements, and the
   * port stayed ACTIVATED (2026-12-02, no request failed or timed out). That is issue 11's second finding; enable
   * this again with the explicit consistency levels ({@code LOCAL_QUORUM}).
   */
  @Override
  @Test
  @Disabled("LOCAL_ONE reads miss the other instance's facts on three replicas; needs issue 11's consistency levels")
  void factsRecordedOnBothInstancesCompleteThePortAtTheNextRoundOfTheOneThatRecordedTheLast() {
    super.factsRecordedOnBothInstancesCompleteThePortAtTheNextRoundOfTheOneThatRecordedTheLast();
  }
}
