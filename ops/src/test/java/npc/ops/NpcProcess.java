package npc.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code npc} command line in a JVM of its own, as the launcher script runs it, with its output captured and
 * its home directory under the tests' work directory.
 */
final class NpcProcess implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final List<String> stdout = new ArrayList<>();
  private final Thread reader;

  private NpcProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::readStdout, "npc-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static NpcProcess run(Path workDir, String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // A home of its own: what npc creates by default (identity key, development PKI) must not land in the
    // user's ~/.npc.
    Path home = Files.createDirectories(workDir.resolve("home")).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home, "-cp", classpath,
        Main.class.getName()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(Files.createDirectories(workDir), "npc-stderr", ".log");
    return new NpcProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
  }

  Process process() {
    return process;
  }

  /** Waits for a line on standard output that starts with {@code prefix}. */
  synchronized String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : stdout) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
        throw new AssertionError("no line '" + prefix + "...' from npc (alive: " + process.isAlive() + "); "
            + "standard error:\n" + stderr());
      }
      wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
    }
  }

  /** Everything npc wrote on standard output, once it has ended. */
  List<String> stdoutLines() throws InterruptedException {
    reader.join(10_000);
    synchronized (this) {
      return List.copyOf(stdout);
    }
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("npc did not end within " + timeout.toSeconds() + " s; standard error:\n" + stderr());
    }
    return process.exitValue();
  }

  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " failed");
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (this) {
          stdout.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    synchronized (this) {
      notifyAll();
    }
  }
}
