/**
 * Wiring of the core's application service: the regime ({@code npc.regime}), the identity key
 * ({@code npc.identity.key-file}, created on first start), the outbox and routing log on the database's session,
 * the event fan-out that the gateway (and later the audit) joins, and the timer that fires due deadlines
 * ({@code npc.deadlines.interval}). Knows npc-core and Micronaut; must not depend on a transport.
 */
package npc.ops.service;
