package npc.simulator.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * An npc of the run's own, for {@code simulate} without {@code --target}: {@code ./npc start} as a child process
 * with its data, PKI and identity key in the run's directory and free ports, read from its one line
 * {@code npc ready: gateway=HOST:PORT http=URL}. Closing stops it with SIGTERM (its shutdown hooks stop the node),
 * and kills it if it has not stopped within a minute.
 */
final class OwnNpc implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("npc ready: gateway=(\\S+) http=(\\S+)");
  private static final Duration STOP = Duration.ofSeconds(60);

  private final Process process;
  private final String gateway;
  private final String http;
  private final Path pki;

  private OwnNpc(Process process, String gateway, String http, Path pki) {
    this.process = process;
    this.gateway = gateway;
    this.http = http;
    this.pki = pki;
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
      return new OwnNpc(process, m.group(1), m.group(2), dir.resolve("pki"));
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
