package npc.ops.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The state file of a running local cluster, {@code cluster.state} in its directory: the pid of the
 * {@code npc cluster start} that owns the nodes and each node's pid, so that {@code npc cluster stop} from
 * another shell finds them. Written once the cluster is ready, deleted when it stops.
 *
 * @param ownerPid the {@code npc cluster start} process
 * @param nodePids node 1's pid first
 * @param contactPoints the ready line's contact points
 */
record ClusterState(long ownerPid, List<Long> nodePids, String contactPoints) {
  static final String FILE = "cluster.state";

  static Path file(Path directory) {
    return directory.resolve(FILE);
  }

  void write(Path directory) {
    Properties p = new Properties();
    p.setProperty("owner", Long.toString(ownerPid));
    for (int k = 1; k <= nodePids.size(); k++) {
      p.setProperty("node." + k, Long.toString(nodePids.get(k - 1)));
    }
    p.setProperty("contact-points", contactPoints);
    try {
      Path temporary = directory.resolve(FILE + ".tmp");
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        p.store(out, "npc cluster start: the running cluster; deleted when it stops");
      }
      Files.move(temporary, file(directory), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(directory), e);
    }
  }

  /** The state in {@code directory}, if a cluster was started there and has not been stopped. */
  static Optional<ClusterState> read(Path directory) {
    Path file = file(directory);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      List<Long> nodes = new ArrayList<>();
      for (int k = 1; p.getProperty("node." + k) != null; k++) {
        nodes.add(Long.parseLong(p.getProperty("node." + k)));
      }
      return Optional.of(new ClusterState(Long.parseLong(p.getProperty("owner")), nodes,
          p.getProperty("contact-points", "")));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the cluster state file " + file + " cannot be read (" + e.getMessage()
          + "); if no cluster runs, delete it", e);
    }
  }

  static void delete(Path directory) {
    try {
      Files.deleteIfExists(file(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file(directory), e);
    }
  }
}
