package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.cassandra.CassandraContainer;

/**
 * The same schema against Cassandra 5.0 in Docker. Opt-in: {@code mvn verify -Ptestcontainers} on a machine
 * with a Docker engine; the default build excludes the tag.
 */
@Tag("testcontainers")
class TestcontainersDatabaseIT {

  @Test
  void migrationsApplyToCassandraInDocker() {
    try (CassandraContainer container = new CassandraContainer("cassandra:5.0")) {
      container.start();
      CassandraSettings settings = CassandraSettings.embedded(
              npc.cassandra.embedded.NodeSettings.defaults(java.nio.file.Path.of("target/unused")))
          .withCluster(List.of(container.getContactPoint()), container.getLocalDatacenter());
      try (Database db = Database.open(settings, List.of(SchemaMigrations.core()))) {
        assertThat(db.migrations().get(0).versionAfter()).isEqualTo(SchemaMigrations.core().latestVersion());
      }
    }
  }
}
