package npc.core.porting;

import npc.core.storage.Database;
import npc.core.storage.testing.TestCluster;
import org.junit.jupiter.api.Tag;

/**
 * Two npc instances racing on the 3-node cluster, three replicas of each row: every test of
 * {@link ConcurrentInstancesIT}, where conditional writes are Paxos rounds among replicas and each instance's
 * session reaches every node.
 */
@Tag("cluster")
class ClusterInstancesIT extends ConcurrentInstancesIT {
  @Override
  Database freshDatabase(String purpose) {
    return TestCluster.freshDatabase("cluster_" + purpose);
  }

  @Override
  Database anotherSession(Database database) {
    return TestCluster.anotherSession(database);
  }
}
