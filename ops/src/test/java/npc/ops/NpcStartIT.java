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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.ClientTls;
import npc.gateway.client.Session;
import org.junit.jupiter.api.Test;

/**
 * {@code npc start} as a user runs it: a JVM of its own with an embedded node, the ready line on standard
 * output, a carrier's session on the gateway with a certificate of the development PKI it created, health over
 * HTTP, and nothing left running after SIGINT. Failures at start name their cause and leave no node behind.
 */
class NpcStartIT {
  private static final Path DIR = Path.of(System.getProperty("npc.test.cassandra.dir", "target/cassandra-it"));
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  private static final Pattern READY =
      Pattern.compile("npc ready: gateway=(127\\.0\\.0\\.1):(\\d+) http=(http://127\\.0\\.0\\.1:\\d+)");

  @Test
  void startPrintsTheReadyLineServesCarriersAndHealthAndStopsEverythingOnSigint() throws Exception {
    Path pki = Files.createTempDirectory(Files.createDirectories(DIR), "pki");
    try (NpcProcess npc = NpcProcess.run(DIR, "start", "--data-dir", DIR.resolve("start").toString(),
        "--http-port", "0", "--gateway-port", "0", "--pki-dir", pki.toString())) {
      String ready = npc.awaitLine("npc ready: ", READY_WITHIN);
      Matcher fields = READY.matcher(ready);
      assertThat(fields.matches()).as("ready line '%s'", ready).isTrue();
      List<ProcessHandle> children = npc.process().descendants().toList();
      assertThat(children).as("the embedded node runs as a child of npc").isNotEmpty();
      assertThat(npc.stderr()).as("where the development PKI is").contains("Created a development PKI",
          pki.resolve("ca.pem").toString(), pki.resolve("server.pem").toString(), "CM, CU, CT, CBN");

      try (CarrierClient carrier = CarrierClient.builder()
          .gateway(fields.group(1), Integer.parseInt(fields.group(2)))
          .tls(ClientTls.fromPem(pki.resolve("carriers/CM.pem"), pki.resolve("carriers/CM-key.pem"),
              pki.resolve("ca.pem")))
          .clientName("npc-start-it", "1")
          .connect()) {
        Session session = carrier.whenConnected().get(30, TimeUnit.SECONDS);
        assertThat(session.carrierId()).as("the carrier the certificate names").isEqualTo("CM");
        assertThat(session.regime()).isEqualTo("cn");
      }

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(fields.group(3) + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"", "\"releaseVersion\":\"5.0.", "\"schema.npc\":",
          "\"mode\":\"embedded\"");

      npc.signal("INT");
      assertThat(npc.awaitExit(Duration.ofSeconds(60))).as("exit code after SIGINT").isEqualTo(130);
      assertThat(npc.stdoutLines()).as("standard output carries only the ready line").containsExactly(ready);
      String log = npc.stderr();
      assertThat(log.indexOf("Carrier gateway stopped")).as("the gateway closes before the node stops")
          .isNotNegative().isLessThan(log.indexOf("Embedded Cassandra stopped"));
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
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertStartFailsAndLeavesNothing("port-taken", List.of("--http-port", String.valueOf(taken.getLocalPort()),
          "--gateway-port", "0"), "npc: cannot start", String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void aTakenGatewayPortStopsStartAndLeavesNoNodeBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertStartFailsAndLeavesNothing("gateway-port-taken", List.of("--gateway-port",
          String.valueOf(taken.getLocalPort()), "--http-port", "0"),
          "npc: cannot start: the carrier gateway cannot listen on 127.0.0.1:" + taken.getLocalPort(),
          "--gateway-port");
    }
  }

  /** Starts npc, expects it to end with 1 and the messages, and every process it started to have ended. */
  private static void assertStartFailsAndLeavesNothing(String dataDir, List<String> options, String... messages)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("start", "--data-dir", DIR.resolve(dataDir).toString()));
    args.addAll(options);
    try (NpcProcess npc = NpcProcess.run(DIR, args.toArray(String[]::new))) {
      List<ProcessHandle> children = new ArrayList<>();
      while (!npc.process().waitFor(200, TimeUnit.MILLISECONDS)) {
        npc.process().descendants().filter(p -> !children.contains(p)).forEach(children::add);
      }
      assertThat(npc.process().exitValue()).isEqualTo(1);
      assertThat(npc.stderr()).contains(messages);
      assertThat(children).as("a node was started before the port was found taken").isNotEmpty();
      assertAllEnded(children);
      assertThat(npc.stdoutLines()).as("no ready line").isEmpty();
    }
  }

  private static void assertAllEnded(List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle p : processes) {
      p.onExit().get(30, TimeUnit.SECONDS);
      assertThat(p.isAlive()).as("process %d", p.pid()).isFalse();
    }
  }
}
