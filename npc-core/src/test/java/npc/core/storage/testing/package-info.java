/**
 * The Cassandra that integration tests use: one node per test JVM (so one per module run), shared by every
 * test class, each of which takes a fresh keyspace. Published in npc-core's test jar for the other modules.
 *
 * <p>{@code -Dnpc.test.cassandra.mode=embedded} (default) starts a real node in a child JVM;
 * {@code external} uses {@code npc.test.cassandra.contact-points} and {@code npc.test.cassandra.datacenter};
 * {@code testcontainers} starts {@code cassandra:5.0} in Docker (machines with Docker only). The embedded node
 * keeps its data and log under {@code npc.test.cassandra.dir} (default {@code target/cassandra-it}) and has
 * {@code npc.test.cassandra.heap-mb} megabytes of heap (default 1024, {@code NodeSettings.DEFAULT_HEAP_MEGABYTES};
 * a benchmark that writes millions of rows needs more).
 *
 * <p>{@link npc.core.storage.testing.TestCluster} is the other fixture: a local cluster of three embedded nodes,
 * started on first use, for the tests that need replicas (schema agreement, node loss, quorum loss).
 */
package npc.core.storage.testing;
