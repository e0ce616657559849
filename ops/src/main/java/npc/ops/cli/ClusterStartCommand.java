package npc.ops.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import npc.cassandra.embedded.EmbeddedCluster;
import npc.cassandra.embedded.NodeSettings;
import npc.cassandra.embedded.NodeStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc cluster start}: N embedded nodes on 127.0.0.1 to 127.0.0.N, started one after the other, then one
 * line {@code npc cluster ready: contact-points=... datacenter=...} on standard output.
 *
 * <p>It runs in the foreground, as {@code npc start} does, until SIGINT, SIGTERM or {@code npc cluster stop}
 * from another shell: the nodes never outlive the command (each also stops by itself if the command is killed),
 * so a forgotten cluster cannot hold 4 GB of memory in the background. Run it in a terminal of its own, or
 * with {@code &}.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Start a local Cassandra cluster: node k on 127.0.0.k, the same CQL port on every address. "
        + "Prints 'npc cluster ready: contact-points=HOST:PORT,... datacenter=DC' once every node answers, then "
        + "runs in the foreground until Ctrl-C, SIGTERM or 'npc cluster stop'.",
        "Then: npc start --cassandra <contact-points> --datacenter <DC> --replication SimpleStrategy:3"})
public final class ClusterStartCommand implements Callable<Integer> {
  static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("user.home"), ".npc", "cluster");

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
      description = "Number of nodes, 1 to " + EmbeddedCluster.MAX_NODES + " (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The cluster's directory, node k's data and log in node<k>/ (default: ~/.npc/cluster).")
  Path dataDir;

  @Option(names = "--heap", paramLabel = "MB", defaultValue = "" + EmbeddedCluster.DEFAULT_HEAP_MEGABYTES,
      description = "Heap of each node in MB (default: ${DEFAULT-VALUE}).")
  int heapMegabytes;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = (dataDir == null ? DEFAULT_DIRECTORY : dataDir).toAbsolutePath();
    if (nodes < 1 || nodes > EmbeddedCluster.MAX_NODES) {
      System.err.println("npc cluster: --nodes must be 1 to " + EmbeddedCluster.MAX_NODES + ", not " + nodes);
      return 2;
    }
    try {
      Optional<ClusterState> running = ClusterState.read(dir);
      if (running.isPresent() && ProcessHandle.of(running.get().ownerPid()).map(ProcessHandle::isAlive)
          .orElse(false)) {
        System.err.println("npc cluster: a cluster already runs from " + dir + " (npc pid "
            + running.get().ownerPid() + ", " + running.get().contactPoints() + "); stop it with "
            + "'npc cluster stop" + (dataDir == null ? "" : " --data-dir " + dataDir) + "'");
        return 1;
      }
    } catch (IllegalArgumentException e) {
      System.err.println("npc cluster: " + e.getMessage());
      return 1;
    }
    EmbeddedCluster cluster;
    try {
      cluster = EmbeddedCluster.start(nodes, NodeSettings.defaults(dir).withHeapMegabytes(heapMegabytes));
    } catch (NodeStartException | IllegalArgumentException e) {
      System.err.println("npc cluster: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      ClusterState.delete(dir);
      stopped.countDown();
    }, "npc-cluster-stop"));
    String points = cluster.contactPoints().stream().map(StartCommand::hostAndPort)
        .collect(Collectors.joining(","));
    List<Long> pids = java.util.stream.IntStream.rangeClosed(1, nodes)
        .mapToObj(k -> cluster.node(k).pid()).toList();
    new ClusterState(ProcessHandle.current().pid(), pids, points).write(dir);
    System.out.println("npc cluster ready: contact-points=" + points + " datacenter=" + cluster.localDatacenter());
    System.out.flush();
    System.err.println("npc cluster: logs in " + dir + "/node<k>/logs/system.log; running until Ctrl-C or "
        + "'npc cluster stop'. Use it with: ./npc start --cassandra " + points + " --datacenter "
        + cluster.localDatacenter() + " --replication SimpleStrategy:" + Math.min(3, nodes));
    stopped.await(); // the shutdown hook stops the nodes; the JVM then exits
    return 0;
  }
}
