package npc.cassandra.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running Cassandra node in a child JVM. {@link #start} returns once the node answers a CQL query;
 * {@link #close} stops it with SIGTERM, and kills it if it has not stopped within the settings' bound.
 */
public final class EmbeddedCassandra implements AutoCloseable {
  // System.Logger, not SLF4J: a compile dependency here would be merged into the node's classpath.
  private static final System.Logger LOG = System.getLogger(EmbeddedCassandra.class.getName());
  private static final FreePorts PORTS = new FreePorts();
  private static final int PORT_ATTEMPTS = 3;
  private static final long PROBE_INTERVAL_MILLIS = 250;
  private static final Duration OWNER_CLOSE_GRACE = Duration.ofSeconds(2);
  /** Cassandra 5.0's own conf/jvm17-server.options, which the node needs on Java 17. */
  private static final List<String> JVM17_FLAGS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED");

  private final NodeSettings settings;
  private final Process process;
  private final InetSocketAddress nativeAddress;
  private final String releaseVersion;
  private final FileLock directoryLock;
  private final Thread shutdownHook;
  private final CountDownLatch closed;
  private boolean stopped;

  private EmbeddedCassandra(NodeSettings settings, Process process, InetSocketAddress nativeAddress,
      String releaseVersion, FileLock directoryLock, Thread shutdownHook, CountDownLatch closed) {
    this.settings = settings;
    this.process = process;
    this.nativeAddress = nativeAddress;
    this.releaseVersion = releaseVersion;
    this.directoryLock = directoryLock;
    this.shutdownHook = shutdownHook;
    this.closed = closed;
  }

  /**
   * Starts a node and waits until it answers a query.
   *
   * @throws NodeStartException naming the cause and the node's log file when the node cannot start: wrong Java,
   *     a directory that cannot be written or is in use, a port taken, a crash, or the start timeout
   */
  public static EmbeddedCassandra start(NodeSettings settings) {
    Path log = settings.logFile();
    prepareDirectory(settings.directory(), log);
    JavaRuntimes.requireSupported(settings.javaHome(), log);
    for (int port : new int[] {settings.nativePort(), settings.storagePort()}) {
      if (port != 0 && !FreePorts.isFree(settings.address(), port)) {
        throw new NodeStartException("port " + port + " on " + settings.address().getHostAddress()
            + " is already in use", log);
      }
    }
    NodeClasspath classpath = NodeClasspath.resolve();
    FileLock lock = lockDirectory(settings.directory(), log);
    try {
      boolean choosePorts = settings.nativePort() == 0 || settings.storagePort() == 0;
      for (int attempt = 1; ; attempt++) {
        int nativePort = settings.nativePort() != 0 ? settings.nativePort() : PORTS.next();
        int storagePort = settings.storagePort() != 0 ? settings.storagePort() : PORTS.next();
        try {
          return launch(settings, classpath, nativePort, storagePort, lock);
        } catch (PortTakenException e) {
          if (!choosePorts || attempt == PORT_ATTEMPTS) {
            throw new NodeStartException(e.getMessage(), log);
          }
          LOG.log(System.Logger.Level.WARNING, "{0}; another process took a chosen port first, retrying with new ports",
              e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      release(lock);
      throw e;
    }
  }

  private static EmbeddedCassandra launch(NodeSettings settings, NodeClasspath classpath, int nativePort,
      int storagePort, FileLock lock) {
    Path dir = settings.directory();
    Path log = settings.logFile();
    List<String> command = new ArrayList<>();
    long logOffset;
    Process process;
    try {
      Path yaml = NodeConfiguration.writeYaml(settings, nativePort, storagePort);
      Path logback = NodeConfiguration.writeLogback(dir);
      command.add(JavaRuntimes.javaExecutable(settings.javaHome()).toString());
      command.add("-Xms" + settings.heapMegabytes() + "m");
      command.add("-Xmx" + settings.heapMegabytes() + "m");
      command.add("-XX:+UseG1GC");
      command.add("-Djdk.attach.allowAttachSelf=true");
      command.addAll(JVM17_FLAGS);
      command.add("-javaagent:" + classpath.jamm());
      command.add("-Dcassandra.config=" + yaml.toUri());
      command.add("-Dcassandra-foreground=yes");
      command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
      if (settings.member() != null) {
        command.add("-Dcassandra.ring_delay_ms=" + ClusterMember.RING_DELAY_MILLIS);
      }
      command.add("-Dcassandra.logdir=" + log.getParent());
      command.add("-Dcassandra.storagedir=" + dir.resolve("data"));
      command.add("-Dlogback.configurationFile=" + logback.toUri());
      command.add("-D" + NodeMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
      command.add("-cp");
      command.add(classpath.asArgument());
      command.add(NodeMain.class.getName());
      Files.createDirectories(log.getParent());
      logOffset = Files.exists(log) ? Files.size(log) : 0;
      Files.writeString(log, "---- npc: starting node, CQL " + settings.address().getHostAddress() + ":" + nativePort + ", storage "
          + storagePort + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new NodeStartException("cannot launch the node's JVM: " + e.getMessage(), log, e);
    }

    InetSocketAddress address = new InetSocketAddress(settings.address(), nativePort);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      // The JVM runs shutdown hooks in no order. Give the owner a moment to close its sessions first, so that
      // clients see an orderly close rather than a node vanishing under them; then stop the node regardless.
      awaitQuietly(closed, OWNER_CLOSE_GRACE);
      stop(process, settings.stopTimeout());
    }, "npc-embedded-cassandra-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.log(System.Logger.Level.INFO, "Starting embedded Cassandra (pid {0}) in {1}, CQL port {2}; log {3}",
        String.valueOf(process.pid()), dir, String.valueOf(nativePort), log);
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    String lastProbeError = "no answer yet";
    try {
      while (true) {
        if (!process.isAlive()) {
          String tail = tail(log, logOffset);
          if (tail.contains("Address already in use")) {
            throw new PortTakenException("a port of the node (CQL " + nativePort + ", storage " + storagePort
                + ") was already in use");
          }
          throw new NodeStartException("the node exited with code " + process.exitValue()
              + " before it was ready; last lines of its log:\n" + lastLines(tail, 15), log);
        }
        try {
          String version = CqlProbe.releaseVersion(address, 2_000);
          LOG.log(System.Logger.Level.INFO, "Embedded Cassandra {0} answers on {1}", version, address);
          return new EmbeddedCassandra(settings, process, address, version, lock, hook, closed);
        } catch (IOException e) {
          lastProbeError = e.getMessage();
        }
        if (System.nanoTime() > deadline) {
          throw new NodeStartException("the node did not answer a CQL query on " + address + " within "
              + settings.startTimeout().toSeconds() + " s (last probe: " + lastProbeError + ")", log);
        }
        Thread.sleep(PROBE_INTERVAL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopAfterFailedStart(process, hook, settings);
      throw new NodeStartException("interrupted while waiting for the node", log, e);
    } catch (RuntimeException e) {
      stopAfterFailedStart(process, hook, settings);
      throw e;
    }
  }

  /** The settings the node was started with: start it again with these after {@link #kill}. */
  public NodeSettings settings() {
    return settings;
  }

  /** The node's CQL address on loopback. */
  public InetSocketAddress nativeAddress() {
    return nativeAddress;
  }

  /** The local datacenter of an embedded node, for the driver's load-balancing policy. */
  public String localDatacenter() {
    return "datacenter1";
  }

  /** Cassandra's release version, as the node reported it. */
  public String releaseVersion() {
    return releaseVersion;
  }

  public Path logFile() {
    return settings.logFile();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the node: SIGTERM, then a kill once the stop timeout has passed. Safe to call twice. */
  @Override
  public void close() {
    end(false);
  }

  /**
   * Kills the node with SIGKILL, as a crash or {@code kill -9} would: no drain, no flush; what the node
   * acknowledged lives only in its commit log and in the other replicas. Tests of node loss need it. Releases the
   * directory, so that the same settings can start the node again.
   */
  public void kill() {
    end(true);
  }

  private synchronized void end(boolean crash) {
    if (stopped) {
      return;
    }
    stopped = true;
    if (crash) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      stop(process, settings.stopTimeout());
    }
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing to remove
    }
    release(directoryLock);
    LOG.log(System.Logger.Level.INFO, "Embedded Cassandra {0}; log kept at {1}", crash ? "killed" : "stopped",
        settings.logFile());
  }

  private static void stopAfterFailedStart(Process process, Thread hook, NodeSettings settings) {
    stop(process, settings.stopTimeout());
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // nothing to remove
    }
  }

  private static void stop(Process process, Duration timeout) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: Cassandra drains and flushes
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "Embedded Cassandra (pid {0}) did not stop within {1} s of SIGTERM;"
            + " killing it", String.valueOf(process.pid()), String.valueOf(timeout.toSeconds()));
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void prepareDirectory(Path dir, Path log) {
    try {
      Files.createDirectories(dir);
      Files.createDirectories(log.getParent());
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new NodeStartException("the node's directory " + dir + " cannot be written: " + e, log, e);
    }
  }

  /** Two nodes on one directory would corrupt each other: the parent holds a lock for the node's lifetime. */
  private static FileLock lockDirectory(Path dir, Path log) {
    Path lockFile = dir.resolve("npc.lock");
    try {
      FileChannel channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel();
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new NodeStartException("the node's directory " + dir + " is in use by another npc process (lock "
            + lockFile + ")", log);
      }
      return lock;
    } catch (IOException e) {
      throw new NodeStartException("cannot lock the node's directory " + dir + ": " + e.getMessage(), log, e);
    }
  }

  private static void release(FileLock lock) {
    try {
      lock.release();
      lock.channel().close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not release the lock on the node's directory", e);
    }
  }

  private static String tail(Path log, long from) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      int start = (int) Math.min(from, bytes.length);
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  static String lastLines(String text, int count) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - count);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  /** The node died because a port it was given was taken: a new choice of ports may succeed. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
