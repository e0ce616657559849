package npc.core.storage.testing;

import java.util.List;
import org.testcontainers.cassandra.CassandraContainer;

/** Cassandra 5.0 in Docker, for machines that have it. Testcontainers' reaper removes the container. */
final class TestcontainersCassandra {
  static final String IMAGE = "cassandra:5.0";

  private TestcontainersCassandra() {}

  @SuppressWarnings("resource") // lives as long as the JVM; the reaper stops it
  static TestCassandra.Cluster start() {
    CassandraContainer container = new CassandraContainer(IMAGE);
    container.start();
    return new TestCassandra.Cluster(List.of(container.getContactPoint()), container.getLocalDatacenter());
  }
}
