package npc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code npc cluster start} and {@code npc cluster stop} as an operator runs them, each in a JVM of its own: the
 * ready line names contact points that answer, a second start on the same directory is refused, and a stop
 * from another process leaves no process of the cluster. One node, to keep the build short: clusters of three
 * are the 3-node tests' fixture, which starts them through the same {@code EmbeddedCluster}.
 */
class NpcClusterIT {
  private static final Path DIR = Path.of(System.getProperty("npc.test.cassandra.dir", "target/cassandra-it"));
  private static final Pattern READY =
      Pattern.compile("npc cluster ready: contact-points=127\\.0\\.0\\.1:(\\d+) datacenter=datacenter1");

  @Test
  void startPrintsTheContactPointsAndAStopFromAnotherProcessLeavesNothing() throws Exception {
    String dataDir = DIR.resolve("cluster-cli").toAbsolutePath().toString();
    try (NpcProcess cluster = NpcProcess.run(DIR, "cluster", "start", "--nodes", "1", "--data-dir", dataDir)) {
      String ready = cluster.awaitLine("npc cluster ready: ", Duration.ofSeconds(180));
      Matcher fields = READY.matcher(ready);
      assertThat(fields.matches()).as("ready line '%s'", ready).isTrue();
      int port = Integer.parseInt(fields.group(1));
      try (Socket cql = new Socket()) {
        cql.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      }
      List<ProcessHandle> nodes = cluster.process().descendants().toList();
      assertThat(nodes).as("the node runs as a child of npc cluster start").isNotEmpty();
      assertThat(Path.of(dataDir, "cluster.state")).exists();

      try (NpcProcess again = NpcProcess.run(DIR, "cluster", "start", "--nodes", "1", "--data-dir", dataDir)) {
        assertThat(again.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(again.stderr()).contains("a cluster already runs from " + dataDir);
      }

      try (NpcProcess stop = NpcProcess.run(DIR, "cluster", "stop", "--data-dir", dataDir)) {
        assertThat(stop.awaitExit(Duration.ofSeconds(90))).as("exit code of stop").isZero();
        assertThat(stop.stdoutLines()).containsExactly("npc cluster stopped: 1 nodes");
      }
      assertThat(cluster.awaitExit(Duration.ofSeconds(10))).as("npc cluster start ended").isNotNegative();
      for (ProcessHandle node : nodes) {
        node.onExit().get(10, TimeUnit.SECONDS);
        assertThat(node.isAlive()).as("process %d", node.pid()).isFalse();
      }
      assertThat(Path.of(dataDir, "cluster.state")).doesNotExist();
      assertThat(Files.readString(Path.of(dataDir, "node1", "logs", "system.log"))).contains("Startup complete");
    }
  }

  @Test
  void stopWithNothingRunningSaysSoAndSucceeds() throws Exception {
    Path empty = Files.createDirectories(DIR.resolve("no-cluster")).toAbsolutePath();
    try (NpcProcess stop = NpcProcess.run(DIR, "cluster", "stop", "--data-dir", empty.toString())) {
      assertThat(stop.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(stop.stderr()).contains("no cluster runs from " + empty);
    }
  }

  @Test
  void anImpossibleNodeCountIsRefusedBeforeAnythingStarts() throws Exception {
    try (NpcProcess start = NpcProcess.run(DIR, "cluster", "start", "--nodes", "0", "--data-dir",
        DIR.resolve("zero").toString())) {
      assertThat(start.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(start.stderr()).contains("--nodes must be 1 to 9, not 0");
    }
  }
}
