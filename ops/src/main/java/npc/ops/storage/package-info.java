/**
 * Wiring of the database into the service: configuration keys under {@code npc.cassandra}, the {@code Database}
 * bean (embedded node or external cluster, migrations applied at start) and its health indicator.
 */
package npc.ops.storage;
