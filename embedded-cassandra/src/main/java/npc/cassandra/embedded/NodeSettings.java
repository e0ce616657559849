package npc.cassandra.embedded;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run an embedded node.
 *
 * @param directory    where the node keeps data, commit log, configuration and its log file
 * @param javaHome     the JDK that runs the node (Cassandra 5.0 needs Java 11 or 17)
 * @param heapMegabytes heap of the node's JVM
 * @param nativePort   CQL port, or 0 to choose a free one
 * @param storagePort  inter-node port, or 0 to choose a free one
 * @param startTimeout how long to wait for the node to answer a query before giving up
 * @param stopTimeout  how long SIGTERM may take before the node is killed
 * @param autoSnapshot whether Cassandra snapshots a table before TRUNCATE and DROP (off in tests)
 * @param member       the node's place in a cluster of embedded nodes, or null for a lone node on 127.0.0.1
 */
public record NodeSettings(
    Path directory,
    Path javaHome,
    int heapMegabytes,
    int nativePort,
    int storagePort,
    Duration startTimeout,
    Duration stopTimeout,
    boolean autoSnapshot,
    ClusterMember member) {

  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_HEAP_MEGABYTES = 1024;

  public NodeSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(javaHome, "javaHome");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (heapMegabytes < 256) {
      throw new IllegalArgumentException("the node needs a heap of at least 256 MB, not " + heapMegabytes);
    }
    checkPort("nativePort", nativePort);
    checkPort("storagePort", storagePort);
    if (startTimeout.isNegative() || startTimeout.isZero() || stopTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** Defaults that work on a laptop: the running JDK, 1 GB of heap, free ports, 120 s to start. */
  public static NodeSettings defaults(Path directory) {
    return new NodeSettings(directory, Path.of(System.getProperty("java.home")), DEFAULT_HEAP_MEGABYTES, 0, 0,
        DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, true, null);
  }

  public NodeSettings withJavaHome(Path value) {
    return new NodeSettings(directory, value, heapMegabytes, nativePort, storagePort, startTimeout, stopTimeout,
        autoSnapshot, member);
  }

  public NodeSettings withHeapMegabytes(int value) {
    return new NodeSettings(directory, javaHome, value, nativePort, storagePort, startTimeout, stopTimeout,
        autoSnapshot, member);
  }

  public NodeSettings withPorts(int nativeValue, int storageValue) {
    return new NodeSettings(directory, javaHome, heapMegabytes, nativeValue, storageValue, startTimeout, stopTimeout,
        autoSnapshot, member);
  }

  public NodeSettings withStartTimeout(Duration value) {
    return new NodeSettings(directory, javaHome, heapMegabytes, nativePort, storagePort, value, stopTimeout,
        autoSnapshot, member);
  }

  public NodeSettings withStopTimeout(Duration value) {
    return new NodeSettings(directory, javaHome, heapMegabytes, nativePort, storagePort, startTimeout, value,
        autoSnapshot, member);
  }

  public NodeSettings withAutoSnapshot(boolean value) {
    return new NodeSettings(directory, javaHome, heapMegabytes, nativePort, storagePort, startTimeout, stopTimeout,
        value, member);
  }

  /** The same node as a member of a cluster, or alone with {@code null}. */
  public NodeSettings withMember(ClusterMember value) {
    return new NodeSettings(directory, javaHome, heapMegabytes, nativePort, storagePort, startTimeout, stopTimeout,
        autoSnapshot, value);
  }

  /** The address the node listens on for CQL and for other nodes. */
  public InetAddress address() {
    return member == null ? InetAddress.getLoopbackAddress() : member.address();
  }

  /** The node's log file; kept after the node stops. */
  public Path logFile() {
    return directory.resolve("logs").resolve("system.log");
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0 (free) or 1-65535, not " + port);
    }
  }
}
