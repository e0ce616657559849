package npc.simulator.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An npc of the run's own, for {@code simulate} without {@code --target}, {@code demo} and {@code bench}:
 * {@code ./npc start} as a child process with its data, PKI and identity key in the run's directory and free ports,
 * read from its one line {@code npc ready: gateway=HOST:PORT http=URL}. Its home is the run's {@code home}
 * directory too, so that what it writes under {@code ~/.npc} (the development API tokens) is the run's own and never
 * a user's. Closing stops it with SIGTERM (its shutdown hooks stop the node),
 * and kills it if it has not stopped within a minute.
 */
final class OwnNpc implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("npc ready: gateway=(\\S+) http=(\\S+)");
  private static final Duration STOP = Duration.ofSeconds(60);

  private final Process process;
  private final String gateway;
  private final String http;
  private final Path pki;
  private final Path dir;

  private OwnNpc(Process process, String gateway, String http, Path dir) {
    this.process = process;
    this.gateway = gateway;
    this.http = http;
    this.pki = dir.resolve("pki");
    this.dir = dir;
  }

  /**
   * Starts npc from the checkout at {@code root} and waits until it serves.
   *
   * @throws IOException if it stops or does not serve within {@code timeout}; the message names its log
   */
  static OwnNpc start(Path root, String regime, Path dir, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("npc.log");
    ProcessBuilder pb = new ProcessBuilder(List.of(root.resolve("npc").toString(), "start", "--regime", regime,
        "--gateway-port", "0", "--http-port", "0", "--data-dir", dir.resolve("cassandra").toString(),
        "--pki-dir", dir.resolve("pki").toString()))
        .redirectError(log.toFile());
    pb.environment().put("NPC_IDENTITY_KEY_FILE", dir.resolve("identity.key").toString());
    String javaOptions = pb.environment().getOrDefault("NPC_JAVA_OPTS", "");
    pb.environment().put("NPC_JAVA_OPTS", (javaOptions + " -Duser.home=" + dir.resolve("home").toAbsolutePath())
        .strip());
    Process process = pb.start();
    // An exit on bad input or Ctrl-C must not leave npc and its node behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop(process);
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }, "own-npc-stop"));
    CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = READY.matcher(line);
          if (m.find()) {
            return m;
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    try {
      Matcher m = ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
      if (m == null) {
        throw new IOException("npc stopped before it served; see " + log);
      }
      return new OwnNpc(process, m.group(1), m.group(2), dir);
    } catch (TimeoutException | ExecutionException | IOException e) {
      stop(process);
      throw e instanceof IOException io ? io
          : new IOException("npc did not serve within " + timeout.toSeconds() + " s; see " + log);
    }
  }

  String gateway() {
    return gateway;
  }

  String http() {
    return http;
  }

  Path pki() {
    return pki;
  }

  /** The development regulator token npc writes at its first start ({@code ~/.npc/tokens} of its home). */
  Path regulatorToken() {
    return dir.resolve("home/.npc/tokens/regulator.token");
  }

  /**
   * The CQL address of npc's embedded node, as its configuration file says ({@code rpc_address} and
   * {@code native_transport_port} of {@code conf/cassandra.yaml}, written at each start of the node).
   */
  InetSocketAddress cql() throws IOException {
    String yaml = Files.readString(dir.resolve("cassandra/conf/cassandra.yaml"));
    Matcher address = Pattern.compile("(?m)^rpc_address: (\\S+)").matcher(yaml);
    Matcher port = Pattern.compile("(?m)^native_transport_port: (\\d+)").matcher(yaml);
    if (!address.find() || !port.find()) {
      throw new IOException("the embedded node's configuration names no CQL address and port");
    }
    return new InetSocketAddress(address.group(1), Integer.parseInt(port.group(1)));
  }

  /** Waits until npc stops by itself (or is stopped, e.g. by Ctrl-C), and returns its exit code. */
  int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
