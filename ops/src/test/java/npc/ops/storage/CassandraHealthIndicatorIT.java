package npc.ops.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import java.util.Map;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} follows the quorum of npc's keyspace, not whether a node answers: with the keyspace asking for
 * three replicas of the one test node, the node still answers about itself while every request at LOCAL_QUORUM is
 * refused, and health must say DOWN; set back to one replica, UP again.
 */
class CassandraHealthIndicatorIT {

  @Test
  void cassandraIsDownWhileAQuorumOfTheKeyspaceIsLostAndUpWhenItReturns() {
    try (Database database = TestCassandra.freshDatabase("health")) {
      CassandraHealthIndicator health = new CassandraHealthIndicator(database);
      health.getHealthInformation();
      assertThat(health.status()).isEqualTo(HealthStatus.UP);

      replicas(database, 3);
      Map<String, Object> lost = health.getHealthInformation();
      assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(lost.get("quorum").toString()).contains("3 replicas in datacenter1, 2 needed");
      assertThat(lost.get("releaseVersion").toString()).as("the node itself answers").startsWith("5.0.");

      replicas(database, 1);
      Map<String, Object> back = health.getHealthInformation();
      assertThat(health.status()).isEqualTo(HealthStatus.UP);
      assertThat(back.get("quorum").toString()).contains("reachable");
    }
  }

  private static void replicas(Database database, int factor) {
    database.session().execute("ALTER KEYSPACE " + database.keyspace()
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + factor + "}");
  }
}
