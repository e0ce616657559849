/**
 * A real Apache Cassandra 5.0 node in a child JVM: the default database of {@code ./npc start} and of every
 * module's integration tests.
 *
 * <p>The node runs from {@code cassandra-all}'s own classpath, which Maven resolves into the
 * {@code node.classpath} resource of this module; that classpath never meets the application's. The parent
 * chooses free ports (retrying when another process takes one first), writes a minimal {@code cassandra.yaml},
 * waits until the CQL port answers a query, and stops the node with SIGTERM, then a kill after a bound. A
 * shutdown hook in the parent and a watchdog in the child make sure no node outlives its owner.
 *
 * <p>{@link npc.cassandra.embedded.EmbeddedCluster} runs several such nodes as one cluster, node k on
 * {@code 127.0.0.k} with the same ports on every address, for {@code npc cluster start} and the tests of node loss.
 *
 * <p>Depends on the JDK and SLF4J only; never on the Cassandra driver, Netty or anything of npc.
 */
package npc.cassandra.embedded;
