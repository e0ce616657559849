package npc.ops.storage;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import npc.core.storage.Database;
import npc.core.storage.MigrationReport;
import npc.core.storage.Quorum;

/**
 * {@code /health} reports the database UP when a quorum of npc's keyspace is reachable, with what an operator needs
 * to know. A node that answers is not enough: with too few replicas up, Cassandra refuses every read and write at
 * npc's levels while it still answers about itself.
 */
@Singleton
class CassandraHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final Database database;

  CassandraHealthIndicator(Database database) {
    this.database = database;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Row row = database.session().execute("SELECT release_version FROM system.local").one();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("releaseVersion", row == null ? "unknown" : row.getString("release_version"));
    details.put("keyspace", database.keyspace());
    for (MigrationReport report : database.migrations()) {
      details.put("schema." + report.component(), report.versionAfter());
    }
    database.embeddedNode().ifPresentOrElse(
        node -> {
          details.put("mode", "embedded");
          details.put("nodeLog", node.logFile().toString());
        },
        () -> details.put("mode", "external"));
    details.put("contactPoints", database.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).toList());
    Quorum quorum = database.quorum();
    details.put("consistency", database.consistency().read() + " reads, " + database.consistency().write()
        + " writes, " + database.consistency().serial() + " conditional writes");
    details.put("quorum", quorum.detail());
    healthStatus = row == null || !quorum.reachable() ? HealthStatus.DOWN : HealthStatus.UP;
    return details;
  }

  /** The status the last {@link #getHealthInformation()} found. */
  HealthStatus status() {
    return healthStatus;
  }

  @Override
  protected String getName() {
    return "cassandra";
  }
}
