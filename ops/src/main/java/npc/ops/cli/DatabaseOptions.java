package npc.ops.cli;

import java.util.Map;
import java.util.Optional;
import npc.core.storage.CassandraSettings;
import npc.ops.storage.CassandraConfiguration;
import picocli.CommandLine.Option;

/**
 * Where the database is, as every command that opens it takes it: {@code start} (for the service) and
 * {@code audit export} (to read what the service recorded). Without {@code --cassandra}, the embedded node on
 * {@code --data-dir}: a command other than {@code start} can use it only while no service runs on it (the node's
 * directory is locked); while one does, name its node with {@code --cassandra 127.0.0.1:PORT --datacenter
 * datacenter1} (the port is in the service's log, "CQL port").
 */
final class DatabaseOptions {
  @Option(names = "--cassandra", paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "Use this Cassandra cluster instead of an embedded node.")
  String cassandra;

  @Option(names = "--datacenter", paramLabel = "DC",
      description = "The cluster's local datacenter (with --cassandra).")
  String datacenter;

  @Option(names = "--keyspace", paramLabel = "NAME", description = "npc's keyspace (default: npc).")
  String keyspace;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The embedded node's directory (default: ~/.npc/cassandra).")
  String dataDir;

  /** Why these options cannot name a database, if they cannot. */
  Optional<String> problem() {
    return cassandra != null && datacenter == null
        ? Optional.of("--cassandra needs --datacenter (the cluster's local datacenter)") : Optional.empty();
  }

  /** The options given, as the service's configuration keys. */
  void putInto(Map<String, Object> properties) {
    put(properties, "npc.cassandra.contact-points", cassandra);
    put(properties, "npc.cassandra.local-datacenter", datacenter);
    put(properties, "npc.cassandra.keyspace", keyspace);
    put(properties, "npc.cassandra.embedded.directory", dataDir);
  }

  /** The settings of the database these options name, every other {@code npc.cassandra.*} key at its default. */
  CassandraSettings settings() {
    CassandraConfiguration c = new CassandraConfiguration(new CassandraConfiguration.Embedded(),
        new CassandraConfiguration.Levels());
    if (cassandra != null) {
      c.setContactPoints(cassandra);
      c.setLocalDatacenter(datacenter);
    }
    if (keyspace != null) {
      c.setKeyspace(keyspace);
    }
    if (dataDir != null) {
      c.getEmbedded().setDirectory(dataDir);
    }
    return c.toSettings();
  }

  static void put(Map<String, Object> properties, String key, String value) {
    if (value != null) {
      properties.put(key, value);
    }
  }
}
