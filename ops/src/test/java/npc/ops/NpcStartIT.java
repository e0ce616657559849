package npc.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code npc start} as a user runs it: a JVM of its own with an embedded node, the ready line on standard
 * output, health over HTTP, and nothing left running after SIGINT. Failures at start name their cause and leave
 * no node behind.
 */
class NpcStartIT {
  private static final Path DIR = Path.of(System.getProperty("npc.test.cassandra.dir", "target/cassandra-it"));
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  @Test
  void startPrintsTheReadyLineServesHealthAndStopsEverythingOnSigint() throws Exception {
    try (NpcProcess npc = NpcProcess.run(DIR, "start", "--data-dir", DIR.resolve("start").toString(),
        "--http-port", "0")) {
      String ready = npc.awaitLine("npc ready: ", READY_WITHIN);
      assertThat(ready).matches("npc ready: http=http://127\\.0\\.0\\.1:\\d+");
      List<ProcessHandle> children = npc.process().descendants().toList();
      assertThat(children).as("the embedded node runs as a child of npc").isNotEmpty();

      String url = ready.substring(ready.indexOf("http=") + "http=".length());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"", "\"releaseVersion\":\"5.0.", "\"schema.npc\":",
          "\"mode\":\"embedded\"");

      npc.signal("INT");
      assertThat(npc.awaitExit(Duration.ofSeconds(60))).as("exit code after SIGINT").isEqualTo(130);
      assertThat(npc.stdoutLines()).as("standard output carries only the ready line").containsExactly(ready);
      assertAllEnded(children);
    }
  }

  @Test
  void aClusterWithoutItsDatacenterIsRefusedAtOnce() throws Exception {
    try (NpcProcess npc = NpcProcess.run(DIR, "start", "--cassandra", "127.0.0.1:9042")) {
      assertThat(npc.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(npc.stderr()).contains("--cassandra needs --datacenter");
    }
  }

  @Test
  void anUnwritableDataDirectoryStopsStartWithItsPath() throws Exception {
    Path file = Files.writeString(Files.createDirectories(DIR).resolve("a-file"), "x");
    Path dataDir = file.resolve("cassandra");
    try (NpcProcess npc = NpcProcess.run(DIR, "start", "--data-dir", dataDir.toString(), "--http-port", "0")) {
      assertThat(npc.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(npc.stderr()).contains("npc: cannot start: the node's directory " + dataDir + " cannot be written",
          "node log:");
    }
  }

  @Test
  void aTakenHttpPortStopsStartAndLeavesNoNodeBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        NpcProcess npc = NpcProcess.run(DIR, "start", "--data-dir", DIR.resolve("port-taken").toString(),
            "--http-port", String.valueOf(taken.getLocalPort()))) {
      List<ProcessHandle> children = new ArrayList<>();
      while (!npc.process().waitFor(200, TimeUnit.MILLISECONDS)) {
        npc.process().descendants().filter(p -> !children.contains(p)).forEach(children::add);
      }
      assertThat(npc.process().exitValue()).isEqualTo(1);
      assertThat(npc.stderr()).contains("npc: cannot start", String.valueOf(taken.getLocalPort()));
      assertThat(children).as("a node was started before the HTTP server failed").isNotEmpty();
      assertAllEnded(children);
    }
  }

  private static void assertAllEnded(List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle p : processes) {
      p.onExit().get(30, TimeUnit.SECONDS);
      assertThat(p.isAlive()).as("process %d", p.pid()).isFalse();
    }
  }
}
