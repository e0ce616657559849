/**
 * Prometheus metrics and health of the running service: what the core's events, the gateway's own counters and the
 * audit's chain appender already hold, bound to Micrometer here so that npc-core, the gateway and the audit never
 * depend on a metrics library. Depends on those modules and Micrometer; nothing but the dashboard depends on it.
 */
package npc.ops.metrics;
