/**
 * The regulators' dashboard: a static page (HTML, CSS and script under {@code npc/ops/dashboard/static}, served at
 * {@code /dashboard/index.html}) drawn with the ECharts WebJar, and the one JSON endpoint it needs besides findings
 * and signals, {@code GET /api/v1/dashboard/summary}, read from the service's metrics. Depends on
 * {@link npc.ops.metrics}, npc-core and Micronaut; nothing depends on it.
 */
package npc.ops.dashboard;
