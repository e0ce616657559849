package npc.core.storage;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import npc.cassandra.embedded.NodeSettings;

/**
 * Where the database is and how to use it.
 *
 * @param contactPoints   the cluster's CQL addresses; empty means: start an embedded node
 * @param localDatacenter the datacenter the driver prefers (an embedded node's is {@code datacenter1})
 * @param keyspace        npc's keyspace, created at start if absent
 * @param replication     the keyspace's replication, used only when the keyspace is created
 * @param embedded        how to run the embedded node, when there are no contact points
 * @param requestTimeout  the driver's timeout for one request
 * @param consistency     the levels every read and write runs at
 */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    String keyspace,
    Replication replication,
    NodeSettings embedded,
    Duration requestTimeout,
    Consistency consistency) {

  public static final String DEFAULT_KEYSPACE = "npc";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public CassandraSettings {
    contactPoints = List.copyOf(contactPoints);
    Objects.requireNonNull(localDatacenter, "localDatacenter");
    Objects.requireNonNull(replication, "replication");
    Objects.requireNonNull(embedded, "embedded");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(consistency, "consistency");
    if (keyspace == null || !keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new IllegalArgumentException("keyspace must be lower-case letters, digits and '_', starting with a "
          + "letter, at most 48 characters: " + keyspace);
    }
    if (!contactPoints.isEmpty() && localDatacenter.isBlank()) {
      throw new IllegalArgumentException("an external cluster needs its local datacenter name");
    }
  }

  /** An embedded node in {@code directory}, keyspace {@code npc} with one replica. */
  public static CassandraSettings embedded(NodeSettings node) {
    return new CassandraSettings(List.of(), "datacenter1", DEFAULT_KEYSPACE, Replication.simple(1), node,
        DEFAULT_REQUEST_TIMEOUT, Consistency.defaults());
  }

  /** An external cluster. The embedded settings are kept but unused. */
  public CassandraSettings withCluster(List<InetSocketAddress> points, String datacenter) {
    return new CassandraSettings(points, datacenter, keyspace, replication, embedded, requestTimeout,
        consistency);
  }

  public CassandraSettings withKeyspace(String name, Replication value) {
    return new CassandraSettings(contactPoints, localDatacenter, name, value, embedded, requestTimeout,
        consistency);
  }

  public CassandraSettings withRequestTimeout(Duration value) {
    return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, embedded, value,
        consistency);
  }

  public CassandraSettings withConsistency(Consistency value) {
    return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, embedded, requestTimeout,
        value);
  }

  public boolean usesEmbeddedNode() {
    return contactPoints.isEmpty();
  }

  /** Parses {@code host:port[,host:port]}; the port defaults to 9042. */
  public static List<InetSocketAddress> parseContactPoints(String text) {
    List<InetSocketAddress> points = new ArrayList<>();
    for (String entry : text.split(",")) {
      String value = entry.trim();
      if (value.isEmpty()) {
        continue;
      }
      int colon = value.lastIndexOf(':');
      String host = colon < 0 ? value : value.substring(0, colon);
      int port = 9042;
      if (colon >= 0) {
        port = parsePort(value.substring(colon + 1), value);
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("contact point without a host: '" + value + "'");
      }
      points.add(InetSocketAddress.createUnresolved(host, port));
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no contact point in '" + text + "'");
    }
    return points;
  }

  private static int parsePort(String text, String entry) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port in contact point '" + entry + "'");
    }
  }
}
