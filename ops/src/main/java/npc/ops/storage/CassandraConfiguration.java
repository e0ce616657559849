package npc.ops.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Consistency;
import npc.core.storage.Replication;

/**
 * The {@code npc.cassandra.*} configuration keys; the README lists each one. Empty contact points mean: start
 * an embedded node.
 */
@ConfigurationProperties("npc.cassandra")
public class CassandraConfiguration {
  private String contactPoints = "";
  private String localDatacenter = "datacenter1";
  private String keyspace = CassandraSettings.DEFAULT_KEYSPACE;
  private String replication = "SimpleStrategy:1";
  private Duration requestTimeout = CassandraSettings.DEFAULT_REQUEST_TIMEOUT;
  private final Embedded embedded;
  private final Levels consistency;

  public CassandraConfiguration(Embedded embedded, Levels consistency) {
    this.embedded = embedded;
    this.consistency = consistency;
  }

  /** The settings npc-core opens the database with. */
  public CassandraSettings toSettings() {
    CassandraSettings settings = CassandraSettings.embedded(embedded.toNodeSettings())
        .withKeyspace(keyspace, Replication.parse(replication))
        .withRequestTimeout(requestTimeout)
        .withConsistency(consistency.toConsistency());
    return contactPoints.isBlank() ? settings
        : settings.withCluster(CassandraSettings.parseContactPoints(contactPoints), localDatacenter);
  }

  public String getContactPoints() {
    return contactPoints;
  }

  public void setContactPoints(String contactPoints) {
    this.contactPoints = contactPoints == null ? "" : contactPoints;
  }

  public String getLocalDatacenter() {
    return localDatacenter;
  }

  public void setLocalDatacenter(String localDatacenter) {
    this.localDatacenter = localDatacenter;
  }

  public String getKeyspace() {
    return keyspace;
  }

  public void setKeyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  public String getReplication() {
    return replication;
  }

  public void setReplication(String replication) {
    this.replication = replication;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Embedded getEmbedded() {
    return embedded;
  }

  public Levels getConsistency() {
    return consistency;
  }

  /**
   * The {@code npc.cassandra.consistency.*} keys: the level of plain reads, of writes, and of conditional writes
   * and serial reads ({@link Consistency}).
   */
  @ConfigurationProperties("consistency")
  public static class Levels {
    private String read = Consistency.defaults().read().name();
    private String write = Consistency.defaults().write().name();
    private String serial = Consistency.defaults().serial().name();

    Consistency toConsistency() {
      return Consistency.parse(read, write, serial);
    }

    public String getRead() {
      return read;
    }

    public void setRead(String read) {
      this.read = read;
    }

    public String getWrite() {
      return write;
    }

    public void setWrite(String write) {
      this.write = write;
    }

    public String getSerial() {
      return serial;
    }

    public void setSerial(String serial) {
      this.serial = serial;
    }
  }

  /** The {@code npc.cassandra.embedded.*} keys: the node {@code ./npc start} runs when no cluster is named. */
  @ConfigurationProperties("embedded")
  public static class Embedded {
    private String directory = Path.of(System.getProperty("user.home"), ".npc", "cassandra").toString();
    private String javaHome = "";
    private int heapMegabytes = NodeSettings.DEFAULT_HEAP_MEGABYTES;
    private int nativePort;
    private int storagePort;
    private Duration startTimeout = NodeSettings.DEFAULT_START_TIMEOUT;
    private Duration stopTimeout = NodeSettings.DEFAULT_STOP_TIMEOUT;

    NodeSettings toNodeSettings() {
      NodeSettings node = NodeSettings.defaults(Path.of(directory))
          .withHeapMegabytes(heapMegabytes)
          .withPorts(nativePort, storagePort)
          .withStartTimeout(startTimeout)
          .withStopTimeout(stopTimeout);
      return javaHome.isBlank() ? node : node.withJavaHome(Path.of(javaHome));
    }

    public String getDirectory() {
      return directory;
    }

    public void setDirectory(String directory) {
      this.directory = directory;
    }

    public String getJavaHome() {
      return javaHome;
    }

    public void setJavaHome(String javaHome) {
      this.javaHome = javaHome == null ? "" : javaHome;
    }

    public int getHeapMegabytes() {
      return heapMegabytes;
    }

    public void setHeapMegabytes(int heapMegabytes) {
      this.heapMegabytes = heapMegabytes;
    }

    public int getNativePort() {
      return nativePort;
    }

    public void setNativePort(int nativePort) {
      this.nativePort = nativePort;
    }

    public int getStoragePort() {
      return storagePort;
    }

    public void setStoragePort(int storagePort) {
      this.storagePort = storagePort;
    }

    public Duration getStartTimeout() {
      return startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
    }

    public Duration getStopTimeout() {
      return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
    }
  }
}
