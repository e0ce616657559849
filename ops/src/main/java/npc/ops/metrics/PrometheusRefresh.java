package npc.ops.metrics;

import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Registers what the gateway counted for the first time just before {@code /prometheus} is scraped. */
@ServerFilter("/prometheus")
class PrometheusRefresh {
  private final GatewayMetrics gateway;

  PrometheusRefresh(GatewayMetrics gateway) {
    this.gateway = gateway;
  }

  @RequestFilter
  void refresh() {
    gateway.refresh();
  }
}
