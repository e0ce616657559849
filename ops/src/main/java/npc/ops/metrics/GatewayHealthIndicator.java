package npc.ops.metrics;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import npc.gateway.server.GatewayServer;

/**
 * {@code /health} reports the gateway UP once it listens, with its address, sessions and connected carriers; DOWN
 * before it listens (the service is still starting) since no carrier can reach it then.
 */
@Singleton
class GatewayHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final GatewayMetrics metrics;

  GatewayHealthIndicator(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    GatewayServer gateway = metrics.gateway().orElse(null);
    if (gateway == null) {
      details.put("listening", false);
      healthStatus = HealthStatus.DOWN;
      return details;
    }
    details.put("listening", gateway.address().getHostString() + ":" + gateway.address().getPort());
    details.put("sessions", gateway.sessions());
    details.put("connectedCarriers", new TreeSet<>(gateway.connectedCarriers().stream().map(c -> c.value()).toList()));
    healthStatus = HealthStatus.UP;
    return details;
  }

  @Override
  protected String getName() {
    return "gateway";
  }
}
