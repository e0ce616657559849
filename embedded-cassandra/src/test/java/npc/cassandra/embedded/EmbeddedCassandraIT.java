package npc.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real node for the whole class: starts, answers, refuses a second owner of its directory, stops. */
class EmbeddedCassandraIT {
  private static final Path ROOT = Path.of(System.getProperty("npc.test.cassandra.dir", "target/cassandra-it"));
  private static EmbeddedCassandra node;

  @BeforeAll
  static void startNode() {
    node = EmbeddedCassandra.start(NodeSettings.defaults(ROOT.resolve("node")).withAutoSnapshot(false));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void nodeAnswersAQueryOnItsCqlPort() throws IOException {
    assertThat(node.isRunning()).isTrue();
    assertThat(node.releaseVersion()).startsWith("5.0.");
    assertThat(CqlProbe.releaseVersion(node.nativeAddress(), 5_000)).isEqualTo(node.releaseVersion());
    assertThat(node.logFile()).exists();
    assertThat(Files.readString(node.logFile())).contains("Startup complete");
  }

  @Test
  void secondNodeOnTheSameDirectoryIsRefusedBeforeItLaunches() {
    assertThatThrownBy(() -> EmbeddedCassandra.start(NodeSettings.defaults(ROOT.resolve("node"))))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("is in use by another npc process")
        .hasMessageContaining("system.log");
  }

  @Test
  void aTakenFixedPortIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      NodeSettings settings = NodeSettings.defaults(ROOT.resolve("port-taken")).withPorts(taken.getLocalPort(), 0);
      assertThatThrownBy(() -> EmbeddedCassandra.start(settings))
          .isInstanceOf(NodeStartException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void anUnwritableDirectoryIsNamed() throws IOException {
    Path file = Files.writeString(ROOT.resolve("a-file"), "not a directory");
    Path below = file.resolve("node");
    assertThatThrownBy(() -> EmbeddedCassandra.start(NodeSettings.defaults(below)))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("the node's directory " + below + " cannot be written");
  }

  @Test
  void aJavaThatCassandraCannotRunOnIsRefused() throws IOException {
    Path fakeHome = fakeJavaHome("java25", "25.0.1", "exit 1");
    NodeSettings settings = NodeSettings.defaults(ROOT.resolve("wrong-java")).withJavaHome(fakeHome);
    assertThatThrownBy(() -> EmbeddedCassandra.start(settings))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("Cassandra 5.0 runs on Java 11 or 17, but " + fakeHome + " is Java 25");
  }

  @Test
  void aNodeThatDiesDuringStartIsReportedWithItsLog() throws IOException {
    // A java that exits at once stands for a node that crashes while starting.
    Path fakeHome = fakeJavaHome("java-crashes", "17.0.15", "echo 'simulated crash: cannot open commitlog'\nexit 3");
    NodeSettings settings = NodeSettings.defaults(ROOT.resolve("crashes")).withJavaHome(fakeHome);
    assertThatThrownBy(() -> EmbeddedCassandra.start(settings))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("the node exited with code 3 before it was ready")
        .hasMessageContaining("simulated crash: cannot open commitlog")
        .hasMessageContaining(ROOT.resolve("crashes").resolve("logs").resolve("system.log").toString());
  }

  @Test
  void aSilentNodeTimesOutInsteadOfHanging() throws IOException {
    Path fakeHome = fakeJavaHome("java-hangs", "17.0.15", "exec sleep 60");
    NodeSettings settings = NodeSettings.defaults(ROOT.resolve("hangs")).withJavaHome(fakeHome)
        .withStartTimeout(Duration.ofSeconds(2));
    assertThatThrownBy(() -> EmbeddedCassandra.start(settings))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("did not answer a CQL query on")
        .hasMessageContaining("within 2 s");
  }

  /** A JDK home whose {@code java} is a shell script: stands for a node that crashes, hangs or cannot run. */
  private static Path fakeJavaHome(String name, String version, String script) throws IOException {
    Path home = ROOT.resolve(name);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n" + script + "\n");
    java.toFile().setExecutable(true);
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void closingStopsTheProcessAndIsIdempotent() {
    EmbeddedCassandra second = EmbeddedCassandra.start(NodeSettings.defaults(ROOT.resolve("second"))
        .withAutoSnapshot(false));
    long pid = second.pid();
    InetSocketAddress address = second.nativeAddress();
    assertThat(address.getPort()).isNotEqualTo(node.nativeAddress().getPort());
    second.close();
    second.close();
    assertThat(second.isRunning()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> CqlProbe.releaseVersion(address, 1_000)).isInstanceOf(IOException.class);
  }
}
