package npc.core.porting;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import npc.audit.chain.ChainAppender;
import npc.audit.store.AuditSchema;
import npc.audit.trail.ChainTrail;
import npc.audit.trail.Intents;
import npc.cassandra.embedded.NodeSettings;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import npc.core.regime.Regime;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaMigrations;
import org.HdrHistogram.Histogram;

/**
 * {@link AuditCostBenchmark} with every mode in a process of its own: a fresh client JVM and a fresh embedded node for
 * each run of each mode, so that no mode runs beside another's services, threads, compiled code or data. The runs
 * follow each other in rotating order ({@code off, no-op, on}, then {@code no-op, on, off}, ...), and the figures are
 * the sums over a mode's runs. Each child measures the node's conditional-write ceiling before and after its own
 * lifecycles, and prints where the processor time of its measured window went, by thread ({@link ThreadCpu}), and
 * what its node flushed and compacted, by table ({@link NodeLog}).
 *
 * <p>Arguments after {@code isolated}: {@code [seconds measured] [workers] [warm-up seconds] [runs per mode] [modes]}
 * (defaults 60, 32, 60, 3, {@code off,no-op,on}). The modes: {@code off}, the audit off; {@code no-op}, the audited
 * service over a trail that writes nothing (the step ids still in the writes: the harness's control); {@code on}, the
 * audit; {@code chain-only}, the audit without its intents (the chain alone; by difference, what the intents cost);
 * {@code on-nosai}, the audit with V006's index on the blocks' numbers dropped (since V008 the blocks name no number,
 * so by difference what an idle index costs); {@code on-unwaited}, the audit with its intents written but not waited
 * for (unsafe, a measuring device: by difference against {@code on}, what a step's wait for its intent costs, and
 * against {@code chain-only}, what the intents' requests do). Each also with {@value #NOTICES}: the service as it is
 * wired, which writes a notice before every step a carrier hears of ({@code off+notices}, {@code on+notices}, ...).
 */
final class Isolated {
  private static final List<String> MODES = List.of("off", "no-op", "on", "chain-only", "on-nosai", "on-unwaited");
  /**
   * A mode's suffix for the service as {@code CassandraStores} wires it: a notice in the outbox before every write a
   * carrier must hear of, as the service always writes them. Without it, a mode's lifecycle writes no notice (as every
   * figure before 2026-12-05 measured it).
   */
  static final String NOTICES = "+notices";
  private static final String RESULT = "RESULT ";
  /** Intents written nowhere: the mode {@code chain-only}. */
  private static final Intents NO_INTENTS = new Intents() {
    @Override
    public CompletionStage<Void> write(Intent intent) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void done(long minute, AuditStep step) {}

    @Override
    public List<Intent> open(long minute) {
      return List.of();
    }
  };

  /**
   * {@code intents} written as before but not waited for: the mode {@code on-unwaited}, whose steps send their writes
   * at once. Unsafe (a step may apply before its intent is durable), so never the service's: a measuring device, which
   * weighs each step's wait for its intent against the intent's request.
   */
  private static Intents unwaited(Intents intents) {
    return new Intents() {
      @Override
      public CompletionStage<Void> write(Intent intent) {
        intents.write(intent);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void done(long minute, AuditStep step) {
        intents.done(minute, step);
      }

      @Override
      public List<Intent> open(long minute) {
        return intents.open(minute);
      }
    };
  }

  private Isolated() {}

  static void parent(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<String> modes = List.of((args.length > 4 ? args[4] : "off,no-op,on").split(","));
    if (!MODES.containsAll(modes.stream().map(Isolated::base).toList()) || modes.isEmpty()) {
      throw new IllegalArgumentException("modes are among " + MODES + ", each also with " + NOTICES + ": " + modes);
    }
    Map<String, Total> totals = new LinkedHashMap<>();
    modes.forEach(mode -> totals.put(mode, new Total()));
    List<String> lines = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < modes.size(); i++) {
        String mode = modes.get((run + i) % modes.size());
        Result result = child(mode, seconds, workers, warmUp);
        totals.get(mode).add(result);
        String line = String.format("run %d, %-5s: %.1f lifecycles/s (%d failed), ceiling %.0f / %.0f conditional "
            + "writes/s", run + 1, mode, (double) result.done / seconds, result.failed, result.before, result.after);
        lines.add(line);
        System.out.println(line);
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    totals.forEach((mode, total) -> total.print(mode, seconds * runs, workers));
    String base = modes.get(0);
    for (String mode : modes.subList(1, modes.size())) {
      System.out.printf("%s against %s, each mode in its own processes: %.1f%% fewer lifecycles/s, %+.1f%% processor "
          + "time a lifecycle; %d runs a mode of %d s after %d s of warm-up%n", mode, base,
          totals.get(mode).cost(totals.get(base)), totals.get(mode).cpuGrowth(totals.get(base)), runs, seconds, warmUp);
    }
    if (totals.containsKey("off") && totals.containsKey("on")) {
      System.out.printf("cost of the audit: %.1f%% of lifecycles/s (allowed: 20%%)%n",
          totals.get("on").cost(totals.get("off")));
    }
  }

  /** Runs one mode in a child JVM, echoing what it prints, and returns what it measured. */
  private static Result child(String mode, int seconds, int workers, int warmUp) throws IOException,
      InterruptedException, DataFormatException {
    Process process = benchmark("one", mode, String.valueOf(seconds), String.valueOf(workers),
        String.valueOf(warmUp));
    String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(RESULT)) {
          result = line.substring(RESULT.length());
        } else {
          System.out.println("  " + line);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException("the run of " + mode + " failed (exit " + exit + ")");
    }
    return Result.parse(result);
  }

  /** This benchmark in a child JVM like this one, with {@code args}; its output and errors in one stream. */
  static Process benchmark(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), AuditCostBenchmark.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** What one child measured: its result line. */
  private record Result(String mode, long done, long clientNanos, long nodeNanos, double before, double after,
      Histogram latency, long failed) {
    static Result parse(String line) throws DataFormatException {
      String[] f = line.split(" ");
      return new Result(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
          Double.parseDouble(f[4]), Double.parseDouble(f[5]), decode(f[6]), Long.parseLong(f[7]));
    }
  }

  /**
   * One mode on a fresh node: the ceiling, the warm-up, the measured lifecycles, the ceiling again, and a result line
   * for the parent: {@code RESULT mode lifecycles clientNanos nodeNanos ceilingBefore ceilingAfter histogram failed}.
   * It prints the requests each lifecycle made, by statement, counted by the driver.
   */
  static void child(String[] args) throws Exception {
    String mode = args[0];
    int seconds = Integer.parseInt(args[1]);
    int workers = Integer.parseInt(args[2]);
    int warmUp = Integer.parseInt(args[3]);
    try (Node node = new Node(mode)) {
      CqlSession session = node.database.session();
      LifecycleBenchmark.ConditionalWriteCounter requests = node.requests;
      Regime regime = BenchLifecycles.regime();
      double before = AuditCostBenchmark.ceiling(session, 20, 1L << 40);
      Clock clock = Clock.systemUTC();
      ChainAppender chain = chain(mode, session, clock);
      PortingService service = service(mode, session, regime, chain, clock);
      AtomicLong numbers = new AtomicLong();
      long unmeasured = AuditCostBenchmark.run(service, numbers, warmUp, workers, AuditCostBenchmark.histogram());
      Histogram latency = AuditCostBenchmark.histogram();
      AuditCostBenchmark.Cpu cpu = new AuditCostBenchmark.Cpu();
      AtomicLong failed = new AtomicLong();
      requests.byStatement().clear();
      Map<String, ThreadCpu.Ticks> clientThreads = ThreadCpu.read(ProcessHandle.current().pid());
      Map<String, ThreadCpu.Ticks> nodeThreads = ThreadCpu.read(cpu.node.pid());
      cpu.start();
      long done = AuditCostBenchmark.run(service, numbers, seconds, workers, latency, failed);
      cpu.stop();
      ThreadCpu.print(mode + ": client", clientThreads, ThreadCpu.read(ProcessHandle.current().pid()), done);
      ThreadCpu.print(mode + ": node", nodeThreads, ThreadCpu.read(cpu.node.pid()), done);
      System.out.printf("%s: %d lifecycles completed, %d failed%n", mode, done, failed.get());
      LifecycleBenchmark.FAILURES.print(mode);
      requests.printPerLifecycle(done);
      if (chain != null) {
        chain.close();
      }
      double after = AuditCostBenchmark.ceiling(session, 20, 1L << 41);
      if (chain != null) {
        AuditCostBenchmark.rows(session, chain.appended(), unmeasured + done);
      }
      System.out.printf("%s%s %d %d %d %.0f %.0f %s %d%n", RESULT, mode, done, cpu.clientNanos, cpu.nodeNanos, before,
          after, encode(latency), failed.get());
    }
  }

  /**
   * A child's fresh node, its schemas applied and the driver counting its requests by statement; closed, it prints
   * what the node flushed and compacted and deletes its directory.
   */
  static final class Node implements AutoCloseable {
    final Path dir;
    final LifecycleBenchmark.ConditionalWriteCounter requests = new LifecycleBenchmark.ConditionalWriteCounter(
        new AtomicLong());
    final Database database;

    Node(String mode) throws Exception {
      dir = Path.of("target", "bench-cassandra-" + mode + "-" + System.currentTimeMillis());
      database = Database.open(CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
          .withKeyspace("bench", Replication.simple(1)), List.of(SchemaMigrations.core(), AuditSchema.migrations()),
          requests);
      LifecycleBenchmark.lwtRate(database.session(), true, 5, 0);
    }

    @Override
    public void close() throws IOException {
      database.close();
      NodeLog.print(NodeSettings.defaults(dir).logFile());
      delete(dir);
    }
  }

  /** The chain of a mode that has one (only the audited modes: its checkpoints' timer is part of what they cost). */
  static ChainAppender chain(String mode, CqlSession session, Clock clock) {
    return List.of("on", "on-nosai", "chain-only", "on-unwaited").contains(base(mode))
        ? AuditCostBenchmark.chain(session, clock) : null;
  }

  /** The service of {@code mode}, over {@code chain} where it has one. */
  static PortingService service(String mode, CqlSession session, Regime regime, ChainAppender chain, Clock clock) {
    Optional<AuditTrail> trail = switch (base(mode)) {
      case "off" -> Optional.empty();
      case "no-op" -> Optional.of(AuditTrail.NONE);
      case "on" -> Optional.of(AuditCostBenchmark.audited(session, chain, clock));
      case "on-nosai" -> { // a number's history unindexed: aboutNumber finds nothing in this mode
        session.execute("DROP INDEX IF EXISTS audit_entry_blocks_by_msisdn");
        yield Optional.of(AuditCostBenchmark.audited(session, chain, clock));
      }
      case "on-unwaited" -> Optional.of(AuditCostBenchmark.audited(session, chain, clock, Isolated::unwaited));
      // The audit without its intents: what the chain alone costs, and by difference what the intents do.
      case "chain-only" -> Optional.of(new ChainTrail("bench", chain, NO_INTENTS, clock));
      default -> throw new IllegalArgumentException("no mode " + mode + "; one of " + MODES + ", each also with "
          + NOTICES);
    };
    if (mode.endsWith(NOTICES)) {
      return BenchLifecycles.notifying(session, regime, trail);
    }
    return trail.map(audit -> BenchLifecycles.service(session, regime, audit))
        .orElseGet(() -> BenchLifecycles.service(session, regime));
  }

  /** A mode without {@value #NOTICES}. */
  static String base(String mode) {
    return mode.endsWith(NOTICES) ? mode.substring(0, mode.length() - NOTICES.length()) : mode;
  }

  /** {@code latency} as one line of text, as a result line carries it. */
  static String encode(Histogram latency) {
    ByteBuffer histogram = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
    latency.encodeIntoCompressedByteBuffer(histogram);
    histogram.flip();
    byte[] bytes = new byte[histogram.remaining()];
    histogram.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  static Histogram decode(String text) throws DataFormatException {
    return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
  }

  /** Deletes a node's directory once it stopped. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** A mode's runs, summed. */
  private static final class Total {
    final Histogram latency = AuditCostBenchmark.histogram();
    long done;
    long clientNanos;
    long nodeNanos;

    void add(Result result) {
      done += result.done;
      clientNanos += result.clientNanos;
      nodeNanos += result.nodeNanos;
      latency.add(result.latency);
    }

    double rate(int seconds) {
      return (double) done / seconds;
    }

    /** The share of lifecycles/s lost against {@code base}, over the same time, in percent. */
    double cost(Total base) {
      return 100 * (1 - (double) done / base.done);
    }

    /** Processor time a lifecycle, against {@code base}'s, in percent more. */
    double cpuGrowth(Total base) {
      return 100 * ((double) (clientNanos + nodeNanos) / done / ((double) (base.clientNanos + base.nodeNanos)
          / base.done) - 1);
    }

    void print(String mode, int seconds, int workers) {
      AuditCostBenchmark.print(mode, rate(seconds), latency, workers);
      AuditCostBenchmark.printCpu(mode, clientNanos, nodeNanos, done);
    }
  }
}
