/**
 * The operations service: the Micronaut application that wires npc-core, the gateway and the audit together
 * and serves the HTTP API, health and metrics, and the {@code npc} command line. The only module that knows
 * Micronaut; nothing depends on it.
 */
package npc.ops;
