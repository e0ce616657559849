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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import npc.audit.chain.ChainAppender;
import npc.audit.store.AuditSchema;
import npc.cassandra.embedded.NodeSettings;
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
 * lifecycles.
 *
 * <p>Arguments after {@code isolated}: {@code [seconds measured] [workers] [warm-up seconds] [runs per mode]}
 * (defaults 60, 32, 60, 3).
 */
final class Isolated {
  private static final List<String> MODES = List.of("off", "no-op", "on");
  private static final String RESULT = "RESULT ";

  private Isolated() {}

  static void parent(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Map<String, Total> totals = new LinkedHashMap<>();
    MODES.forEach(mode -> totals.put(mode, new Total()));
    List<String> lines = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < MODES.size(); i++) {
        String mode = MODES.get((run + i) % MODES.size());
        String[] result = child(mode, seconds, workers, warmUp).split(" ");
        Total total = totals.get(mode);
        long done = Long.parseLong(result[1]);
        total.done += done;
        total.clientNanos += Long.parseLong(result[2]);
        total.nodeNanos += Long.parseLong(result[3]);
        total.latency.add(Histogram.decodeFromCompressedByteBuffer(
            ByteBuffer.wrap(Base64.getDecoder().decode(result[6])), 0));
        String line = String.format("run %d, %-5s: %.1f lifecycles/s (%s failed), ceiling %s / %s conditional "
            + "writes/s", run + 1, mode, (double) done / seconds, result[7], result[4], result[5]);
        lines.add(line);
        System.out.println(line);
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    for (String mode : MODES) {
      Total total = totals.get(mode);
      AuditCostBenchmark.print(mode, total.rate(seconds * runs), total.latency, workers);
      AuditCostBenchmark.printCpu(mode, total.clientNanos, total.nodeNanos, total.done);
    }
    double off = totals.get("off").rate(seconds * runs);
    double idle = totals.get("no-op").rate(seconds * runs);
    double on = totals.get("on").rate(seconds * runs);
    System.out.printf("cost of the audit, each mode in its own processes: %.1f%% of lifecycles/s (allowed: 20%%); the "
        + "no-op trail against off: %.1f%%; the audit against the no-op trail: %.1f%%; %d runs a mode of %d s after "
        + "%d s of warm-up%n", 100 * (1 - on / off), 100 * (1 - idle / off), 100 * (1 - on / idle), runs, seconds,
        warmUp);
  }

  /** Runs one mode in a child JVM, echoing what it prints, and returns its result line. */
  private static String child(String mode, int seconds, int workers, int warmUp) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), AuditCostBenchmark.class.getName(), "one",
        mode, String.valueOf(seconds), String.valueOf(workers), String.valueOf(warmUp)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
    return result;
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
    Path dir = Path.of("target", "bench-cassandra-" + mode + "-" + System.currentTimeMillis());
    CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
        .withKeyspace("bench", Replication.simple(1));
    LifecycleBenchmark.ConditionalWriteCounter requests = new LifecycleBenchmark.ConditionalWriteCounter(
        new AtomicLong());
    try (Database database = Database.open(settings, List.of(SchemaMigrations.core(), AuditSchema.migrations()),
        requests)) {
      CqlSession session = database.session();
      Regime regime = BenchLifecycles.regime();
      LifecycleBenchmark.lwtRate(session, true, 5, 0);
      double before = AuditCostBenchmark.ceiling(session, 20, 1L << 40);
      Clock clock = Clock.systemUTC();
      // Only the audited mode has a chain: its checkpoints' timer is part of what the audit costs.
      ChainAppender chain = mode.equals("on") ? AuditCostBenchmark.chain(session, clock) : null;
      PortingService service = switch (mode) {
        case "off" -> BenchLifecycles.service(session, regime);
        case "no-op" -> BenchLifecycles.service(session, regime, AuditTrail.NONE);
        case "on" -> AuditCostBenchmark.audited(session, regime, chain, clock);
        default -> throw new IllegalArgumentException("no mode " + mode + "; one of " + MODES);
      };
      AtomicLong numbers = new AtomicLong();
      long unmeasured = AuditCostBenchmark.run(service, numbers, warmUp, workers, AuditCostBenchmark.histogram());
      Histogram latency = AuditCostBenchmark.histogram();
      AuditCostBenchmark.Cpu cpu = new AuditCostBenchmark.Cpu();
      AtomicLong failed = new AtomicLong();
      requests.byStatement().clear();
      cpu.start();
      long done = AuditCostBenchmark.run(service, numbers, seconds, workers, latency, failed);
      cpu.stop();
      System.out.printf("%s: %d lifecycles completed, %d failed%n", mode, done, failed.get());
      requests.printPerLifecycle(done);
      if (chain != null) {
        chain.close();
      }
      double after = AuditCostBenchmark.ceiling(session, 20, 1L << 41);
      if (chain != null) {
        AuditCostBenchmark.rows(session, chain.appended(), unmeasured + done);
      }
      ByteBuffer histogram = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
      latency.encodeIntoCompressedByteBuffer(histogram);
      histogram.flip();
      byte[] bytes = new byte[histogram.remaining()];
      histogram.get(bytes);
      System.out.printf("%s%s %d %d %d %.0f %.0f %s %d%n", RESULT, mode, done, cpu.clientNanos, cpu.nodeNanos, before,
          after, Base64.getEncoder().encodeToString(bytes), failed.get());
    }
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

    double rate(int seconds) {
      return (double) done / seconds;
    }
  }
}
