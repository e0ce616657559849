package npc.ops.storage;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import npc.core.storage.Database;
import npc.core.storage.MigrationReport;

/** {@code /health} reports the database UP when it answers a query, with what an operator needs to know. */
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
    healthStatus = row == null ? HealthStatus.DOWN : HealthStatus.UP;
    return details;
  }

  @Override
  protected String getName() {
    return "cassandra";
  }
}
