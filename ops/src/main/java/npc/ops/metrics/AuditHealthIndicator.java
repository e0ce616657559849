package npc.ops.metrics;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health} reports the audit UP while its appender keeps up: fewer entries waiting for the database than its
 * in-flight limit (at the limit, every step of the service waits for the record), and none waiting while the
 * acknowledged position has not moved for {@link AuditMetrics#STUCK_AFTER}.
 */
@Singleton
class AuditHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final AuditMetrics audit;

  AuditHealthIndicator(AuditMetrics audit) {
    this.audit = audit;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    AuditMetrics.State state = audit.state();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("appendLag", state.lag());
    details.put("inFlightLimit", state.limit());
    details.put("acknowledgedMovedSecondsAgo", state.sinceAcknowledgedMoved().toSeconds());
    healthStatus = state.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
    return details;
  }

  @Override
  protected String getName() {
    return "audit";
  }
}
