package npc.core.storage.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import npc.cassandra.embedded.EmbeddedCluster;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaMigrations;

/**
 * The shared 3-node test cluster of this JVM, so one per module run: node k on 127.0.0.k, three replicas of
 * every keyspace, what a deployment runs on. The first call starts it (about a minute: the nodes join one after
 * the other); it stops when the JVM ends, through the nodes' shutdown hooks. Tests of node loss stop, kill and
 * restart single nodes through {@link #kill}, {@link #stop} and {@link #restart}; a test that takes a node down
 * must bring it back before it ends, since the other classes share the cluster. Thread-safe.
 */
public final class TestCluster {
  public static final int NODES = 3;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static EmbeddedCluster cluster;

  private TestCluster() {}

  public static synchronized EmbeddedCluster cluster() {
    if (cluster == null) {
      Path dir = TestCassandra.directory().resolve("cluster");
      for (int k = 1; k <= NODES; k++) {
        TestCassandra.wipeData(EmbeddedCluster.nodeDirectory(dir, k));
      }
      // A node shares 2 processors with two others and with the tests: give a join time.
      cluster = EmbeddedCluster.start(NODES, NodeSettings.defaults(dir)
          .withHeapMegabytes(EmbeddedCluster.DEFAULT_HEAP_MEGABYTES)
          .withAutoSnapshot(false)
          .withStartTimeout(Duration.ofSeconds(180)));
    }
    return cluster;
  }

  /**
   * Settings for a fresh keyspace with three replicas (SimpleStrategy:3), named after {@code purpose}. Requests
   * may take 30 s: on a 2-core machine shared by three nodes and other builds, a schema change coordinated by a
   * busy node was seen to take more than the default 10 s.
   */
  public static CassandraSettings freshKeyspaceSettings(String purpose) {
    EmbeddedCluster c = cluster();
    return CassandraSettings.embedded(NodeSettings.defaults(TestCassandra.directory()))
        .withCluster(c.contactPoints(), c.localDatacenter())
        .withKeyspace(TestCassandra.keyspaceName(purpose), Replication.simple(NODES))
        .withRequestTimeout(REQUEST_TIMEOUT);
  }

  /** A fresh keyspace on the cluster with npc-core's schema applied. Close it after the test class. */
  public static Database freshDatabase(String purpose) {
    return Database.open(freshKeyspaceSettings(purpose), List.of(SchemaMigrations.core()));
  }

  /** The keyspace of {@code database} through a session of its own: what another npc instance has. */
  public static Database anotherSession(Database database) {
    return Database.open(freshKeyspaceSettings("another")
        .withKeyspace(database.keyspace(), Replication.simple(NODES)), List.of(SchemaMigrations.core()));
  }

  /**
   * Waits until {@code condition} holds, polling every 100 ms, for at most {@code limit}: a node's loss or return
   * takes the cluster and the driver seconds to see.
   *
   * @throws AssertionError naming {@code what} when it does not hold in time
   */
  public static void await(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Kills node {@code k} (1 to 3) with SIGKILL, as {@code kill -9} would. */
  public static void kill(int k) {
    cluster().kill(k);
  }

  /** Stops node {@code k} cleanly (SIGTERM). */
  public static void stop(int k) {
    cluster().stop(k);
  }

  /** Starts node {@code k} again with its data and waits until it answers CQL. */
  public static void restart(int k) {
    cluster().start(k);
  }
}
