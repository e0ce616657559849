package npc.cassandra.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of embedded nodes on one machine, node {@code k} on {@code 127.0.0.k}: what a deployment's three
 * replicas look like, for developers ({@code npc cluster start}) and for tests of node loss.
 *
 * <p>Each node is an {@link EmbeddedCassandra}, with everything a lone node has: the readiness probe, the stop
 * by SIGTERM then kill, the watchdog that stops it when its owner disappears, the lock on its directory and the
 * shutdown hook. All nodes use the same storage port and the same CQL port, each on its own address, both
 * chosen free on every address. Node 1 is the seed. Nodes start one after the other, each once the previous one
 * answers CQL: two nodes joining at once could take the same token ranges.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedCluster.class.getName());
  private static final FreePorts PORTS = new FreePorts();
  /** Node k lives in {@code <directory>/node<k>}. */
  private static final String NODE_DIRECTORY = "node";
  public static final int MAX_NODES = 9;
  /** Heap per node: three nodes and their owner fit in 4-5 GB. */
  public static final int DEFAULT_HEAP_MEGABYTES = 768;

  private final EmbeddedCassandra[] nodes;
  private final List<NodeSettings> settings;

  private EmbeddedCluster(List<NodeSettings> settings) {
    this.settings = List.copyOf(settings);
    this.nodes = new EmbeddedCassandra[settings.size()];
  }

  /**
   * Starts {@code count} nodes, node {@code k} in {@code template.directory()/node<k>} on {@code 127.0.0.k},
   * with the template's Java, heap, timeouts and snapshot setting. Ports of the template other than 0 are used
   * on every address; 0 chooses a port free on all of them.
   *
   * @throws NodeStartException naming the node, the cause and the node's log when one cannot start; the nodes
   *     already started are stopped
   */
  public static EmbeddedCluster start(int count, NodeSettings template) {
    if (count < 1 || count > MAX_NODES) {
      throw new IllegalArgumentException("a local cluster has 1 to " + MAX_NODES + " nodes, not " + count);
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      addresses.add(address(k));
    }
    Path first = nodeDirectory(template.directory(), 1);
    for (int k = 2; k <= count; k++) {
      InetAddress address = addresses.get(k - 1);
      if (!FreePorts.isFree(address, 0)) {
        throw new NodeStartException("address " + address.getHostAddress() + " cannot be bound: a local cluster "
            + "needs 127.0.0.1 to 127.0.0." + count + " on the loopback interface (Linux has them all; on macOS: "
            + "sudo ifconfig lo0 alias " + address.getHostAddress() + ")", first.resolve("logs/system.log"));
      }
    }
    int nativePort = template.nativePort() != 0 ? template.nativePort() : PORTS.nextFreeOnAll(addresses);
    int storagePort = template.storagePort() != 0 ? template.storagePort() : PORTS.nextFreeOnAll(addresses);
    List<NodeSettings> all = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      all.add(new NodeSettings(nodeDirectory(template.directory(), k), template.javaHome(),
          template.heapMegabytes(), nativePort, storagePort, template.startTimeout(), template.stopTimeout(),
          template.autoSnapshot(), new ClusterMember(addresses.get(k - 1), addresses.get(0))));
    }
    EmbeddedCluster cluster = new EmbeddedCluster(all);
    try {
      for (int k = 1; k <= count; k++) {
        cluster.start(k);
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Node {@code k}'s directory under the cluster's. */
  public static Path nodeDirectory(Path clusterDirectory, int k) {
    return clusterDirectory.resolve(NODE_DIRECTORY + k);
  }

  /** {@code 127.0.0.k}. */
  public static InetAddress address(int k) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) k});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  public int size() {
    return nodes.length;
  }

  /** Every node's CQL address, node 1 first, whether it runs or not: the driver's contact points. */
  public List<InetSocketAddress> contactPoints() {
    return settings.stream().map(s -> new InetSocketAddress(s.address(), s.nativePort())).toList();
  }

  /** The datacenter of every node (SimpleSnitch has one). */
  public String localDatacenter() {
    return "datacenter1";
  }

  /** Node {@code k} (1-based) as it runs, or as it last ran when stopped or killed. */
  public synchronized EmbeddedCassandra node(int k) {
    EmbeddedCassandra node = nodes[index(k)];
    if (node == null) {
      throw new IllegalStateException("node " + k + " has not started");
    }
    return node;
  }

  public synchronized boolean isRunning(int k) {
    EmbeddedCassandra node = nodes[index(k)];
    return node != null && node.isRunning();
  }

  /**
   * Starts node {@code k} again (or for the first time) with its own directory and ports, and waits until it
   * answers CQL. A node that was killed rejoins with its data, and the others hand it the writes it missed.
   *
   * @throws IllegalStateException when the node runs
   */
  public synchronized void start(int k) {
    if (isRunning(k)) {
      throw new IllegalStateException("node " + k + " is running");
    }
    NodeSettings node = settings.get(index(k));
    LOG.log(System.Logger.Level.INFO, "Starting node {0} of {1} on {2}", String.valueOf(k),
        String.valueOf(nodes.length), node.address().getHostAddress());
    nodes[index(k)] = EmbeddedCassandra.start(node);
  }

  /** Stops node {@code k} cleanly (SIGTERM, drain). */
  public synchronized void stop(int k) {
    node(k).close();
  }

  /** Kills node {@code k} with SIGKILL, as {@code kill -9} would. */
  public synchronized void kill(int k) {
    node(k).kill();
  }

  /** Stops every node, all at once: each drains on its own, so the stop takes one node's time. Safe to call twice. */
  @Override
  public void close() {
    List<Thread> stops = new ArrayList<>();
    synchronized (this) {
      for (EmbeddedCassandra node : nodes) {
        if (node != null) {
          Thread stop = new Thread(node::close, "npc-cluster-stop-" + node.pid());
          stop.start();
          stops.add(stop);
        }
      }
    }
    for (Thread stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int index(int k) {
    if (k < 1 || k > nodes.length) {
      throw new IllegalArgumentException("no node " + k + " in a cluster of " + nodes.length);
    }
    return k - 1;
  }
}
