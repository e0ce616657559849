package npc.core.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaMigrations;

/**
 * The shared test cluster of this JVM. The first call starts it; it stops when the JVM ends (the embedded
 * node's shutdown hook, or Testcontainers' own reaper). Thread-safe.
 */
public final class TestCassandra {
  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private static Cluster cluster;

  private TestCassandra() {}

  /** Where the shared cluster answers. */
  public record Cluster(List<InetSocketAddress> contactPoints, String datacenter) {}

  public static synchronized Cluster cluster() {
    if (cluster == null) {
      cluster = start(System.getProperty("npc.test.cassandra.mode", "embedded"));
    }
    return cluster;
  }

  /** Settings for a fresh keyspace on the shared cluster, named after {@code purpose}; nothing created yet. */
  public static CassandraSettings freshKeyspaceSettings(String purpose) {
    Cluster c = cluster();
    return CassandraSettings.embedded(NodeSettings.defaults(directory()))
        .withCluster(c.contactPoints(), c.datacenter())
        .withKeyspace(keyspaceName(purpose), Replication.simple(1));
  }

  /** A keyspace name never used before in this JVM, after {@code purpose} when it makes a valid name. */
  static String keyspaceName(String purpose) {
    String keyspace = (purpose.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + KEYSPACES.incrementAndGet());
    if (keyspace.length() > 48 || !Character.isLetter(keyspace.charAt(0))) {
      keyspace = "ks_" + KEYSPACES.incrementAndGet();
    }
    return keyspace;
  }

  /** A fresh keyspace on the shared cluster with npc-core's schema applied. Close it after the test class. */
  public static Database freshDatabase(String purpose) {
    return Database.open(freshKeyspaceSettings(purpose), List.of(SchemaMigrations.core()));
  }

  /** The keyspace of {@code database} through a session of its own: what another clearinghouse instance has. */
  public static Database anotherSession(Database database) {
    return Database.open(freshKeyspaceSettings("another").withKeyspace(database.keyspace(), Replication.simple(1)),
        List.of(SchemaMigrations.core()));
  }

  static Path directory() {
    return Path.of(System.getProperty("npc.test.cassandra.dir", "target/cassandra-it"));
  }

  /**
   * The embedded node's heap, {@code -Dnpc.test.cassandra.heap-mb} ({@link NodeSettings#DEFAULT_HEAP_MEGABYTES}
   * unless set): a benchmark that writes millions of rows needs more than the tests do.
   */
  static int heapMegabytes() {
    String value = System.getProperty("npc.test.cassandra.heap-mb");
    if (value == null || value.isBlank()) {
      return NodeSettings.DEFAULT_HEAP_MEGABYTES;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("npc.test.cassandra.heap-mb must be a number of megabytes, not " + value);
    }
  }

  /** Each run starts from an empty node; the log of earlier runs stays, appended to. */
  static void wipeData(Path dir) {
    for (String sub : List.of("data", "commitlog", "saved_caches", "hints", "cdc")) {
      Path path = dir.resolve(sub);
      if (Files.exists(path)) {
        try (Stream<Path> tree = Files.walk(path)) {
          tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot wipe the test node's " + path, e);
        }
      }
    }
  }

  private static Cluster start(String mode) {
    switch (mode) {
      case "embedded" -> {
        wipeData(directory());
        // Started through Database.open, the same path as './npc start', so every module run covers it. The
        // first keyspace stays open for the JVM's lifetime; the node's shutdown hook stops it.
        Database first = Database.open(CassandraSettings.embedded(
                NodeSettings.defaults(directory()).withAutoSnapshot(false).withHeapMegabytes(heapMegabytes()))
            .withKeyspace("npc_first", Replication.simple(1)), List.of(SchemaMigrations.core()));
        return new Cluster(first.contactPoints(), first.embeddedNode().orElseThrow().localDatacenter());
      }
      case "external" -> {
        String points = System.getProperty("npc.test.cassandra.contact-points", "127.0.0.1:9042");
        String dc = System.getProperty("npc.test.cassandra.datacenter", "datacenter1");
        return new Cluster(CassandraSettings.parseContactPoints(points), dc);
      }
      case "testcontainers" -> {
        return TestcontainersCassandra.start();
      }
      default -> throw new IllegalArgumentException("npc.test.cassandra.mode must be embedded, external or "
          + "testcontainers, not " + mode);
    }
  }
}
