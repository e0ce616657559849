package npc.ops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import npc.cassandra.embedded.NodeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc cluster stop}: stops the cluster that {@code npc cluster start} runs from the same directory, from
 * any shell. It sends SIGTERM to that command, whose shutdown hook stops every node (SIGTERM, then a kill after
 * the stop timeout), and waits; any node still alive after that is killed. Nothing of the cluster is left.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop the local Cassandra cluster started by 'npc cluster start' (from any shell). Leaves no "
        + "process; the data stays for the next start.")
public final class ClusterStopCommand implements Callable<Integer> {
  /** The owner stops the nodes in parallel, each within the stop timeout; a little more for the JVM to exit. */
  private static final Duration OWNER_EXIT = NodeSettings.DEFAULT_STOP_TIMEOUT.plusSeconds(15);

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The cluster's directory, as given to 'npc cluster start' (default: ~/.npc/cluster).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = (dataDir == null ? ClusterStartCommand.DEFAULT_DIRECTORY : dataDir).toAbsolutePath();
    Optional<ClusterState> state;
    try {
      state = ClusterState.read(dir);
    } catch (IllegalArgumentException e) {
      System.err.println("npc cluster: " + e.getMessage());
      return 1;
    }
    if (state.isEmpty()) {
      System.err.println("npc cluster: no cluster runs from " + dir + " (no " + ClusterState.FILE + ")");
      return 0;
    }
    Optional<ProcessHandle> owner = ProcessHandle.of(state.get().ownerPid()).filter(ProcessHandle::isAlive);
    if (owner.isPresent()) {
      owner.get().destroy(); // SIGTERM: its shutdown hook stops the nodes cleanly
      if (!exited(owner.get(), OWNER_EXIT)) {
        owner.get().destroyForcibly();
        exited(owner.get(), Duration.ofSeconds(10));
      }
    }
    List<Long> survivors = new ArrayList<>();
    for (long pid : state.get().nodePids()) {
      Optional<ProcessHandle> node = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isNodeOf(p, dir));
      if (node.isPresent()) {
        node.get().destroyForcibly();
        exited(node.get(), Duration.ofSeconds(10));
        survivors.add(pid);
      }
    }
    ClusterState.delete(dir);
    System.out.println("npc cluster stopped: " + state.get().nodePids().size() + " nodes"
        + (survivors.isEmpty() ? "" : " (killed " + survivors + ", which outlived their owner)"));
    return 0;
  }

  private static boolean exited(ProcessHandle process, Duration timeout) throws InterruptedException {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    }
  }

  /** A pid may have been reused since: only a node JVM whose command names this directory is killed. */
  private static boolean isNodeOf(ProcessHandle process, Path dir) {
    return process.info().commandLine().map(line -> line.contains(dir.toString())).orElse(false);
  }
}
