/**
 * The connection to Apache Cassandra: where the database is (an embedded node by default, or an external
 * cluster), the keyspace and its replication, and the versioned schema migrations applied at start.
 *
 * <p>Depends on the Cassandra driver and the embedded node launcher; never on the domain above it.
 */
package npc.core.storage;
