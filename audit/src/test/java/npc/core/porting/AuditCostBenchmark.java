package npc.core.porting;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.testing.SampleExport;
import npc.audit.trail.CassandraIntents;
import npc.audit.trail.ChainTrail;
import npc.audit.trail.IntentSweeper;
import npc.audit.trail.Intents;
import npc.core.audit.AuditTrail;
import npc.core.store.CassandraAppliedSteps;
import npc.core.regime.Regime;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaMigrations;
import npc.cassandra.embedded.NodeSettings;
import org.HdrHistogram.Histogram;

/**
 * What feeding the audit record costs a port lifecycle: the lifecycle of {@code LifecycleBenchmark} (code,
 * submission, acceptance, activation, route change, every acknowledgement, deactivation, completion) through a
 * service without the audit and through one that feeds it (an intent before each step's write, the step id in the
 * write, the entry appended to a chain after), in rotating rounds on one embedded node in one run, beside the node's
 * conditional-write ceiling measured in the same run before and after. The issue allows the audit at most 20% of
 * lifecycles/s.
 *
 * <p>A third mode calibrates the harness: the audited service over a trail that writes nothing (the step ids still in
 * the writes). Its figure against the audit off should be about 0; where it is not, the difference is what running
 * several services in one client JVM and on one node costs, not the audit. In one process it is not: 13.8 to 15.3%
 * (audit/BENCHMARKS.md). Each round runs its mode {@code settle} seconds unmeasured first, so that the transient of a
 * switch between services is not counted. Each round's rate is printed, and the processor time each lifecycle took in
 * each mode, this JVM's and the node's (its child JVM) apart.
 *
 * <p>Arguments: {@code [seconds per round] [workers] [warm-up seconds] [rounds] [settle seconds]} (defaults 20, 32,
 * 20, 2, 0). With {@code isolated} first, each run of each mode has a client JVM and a node of its own instead
 * ({@link Isolated}, whose control measured -0.1% to 8.9% a run, 4.3% over 9 runs a mode); with {@code interleaved},
 * two modes in processes of their own take short slices of load in turns ({@link Interleaved}), so that the machine's
 * drift weighs on both alike.
 */
public final class AuditCostBenchmark {
  private AuditCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("isolated")) {
      Isolated.parent(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("one")) {
      Isolated.child(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("interleaved")) {
      Interleaved.parent(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("serve")) {
      Interleaved.serve(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int settle = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Path dir = Path.of("target", "bench-cassandra-" + System.currentTimeMillis());
    CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
        .withKeyspace("bench", Replication.simple(1));
    try (Database database = Database.open(settings, List.of(SchemaMigrations.core(), AuditSchema.migrations()))) {
      CqlSession session = database.session();
      Regime regime = BenchLifecycles.regime();
      LifecycleBenchmark.lwtRate(session, true, 5, 0);
      double before = ceiling(session, seconds, 1L << 40);
      System.out.printf("storage ceiling, same node and run: %.0f conditional writes/s (mean of LWT inserts and "
          + "updates)%n", before);
      Clock clock = Clock.systemUTC();
      ChainAppender chain = chain(session, clock);
      PortingService off = BenchLifecycles.service(session, regime);
      PortingService idle = BenchLifecycles.service(session, regime, AuditTrail.NONE);
      PortingService on = audited(session, regime, chain, clock);
      List<Mode> modes = List.of(new Mode("audit off", off), new Mode("no-op trail", idle), new Mode("audit on ", on));
      AtomicLong numbers = new AtomicLong();
      for (Mode mode : modes) {
        mode.unmeasured += run(mode.service, numbers, warmUp, workers);
      }
      for (int round = 0; round < rounds; round++) {
        // Each round starts with the next mode, so that every mode follows every other and a drift of the node
        // within the run weighs on all three.
        for (int i = 0; i < modes.size(); i++) {
          Mode mode = modes.get((round + i) % modes.size());
          if (settle > 0) {
            mode.unmeasured += run(mode.service, numbers, settle, workers);
          }
          mode.cpu.start();
          long done = run(mode.service, numbers, seconds, workers, mode.latency);
          mode.cpu.stop();
          mode.done += done;
          System.out.printf("round %d, %s: %.1f lifecycles/s%n", round + 1, mode.name.strip(),
              (double) done / seconds);
        }
      }
      chain.close();
      double after = ceiling(session, seconds, 1L << 41);
      System.out.printf("storage ceiling again after the lifecycles: %.0f conditional writes/s%n", after);
      for (Mode mode : modes) {
        print(mode.name, mode.rate(seconds * rounds), mode.latency, workers);
      }
      Mode offMode = modes.get(0);
      Mode idleMode = modes.get(1);
      Mode onMode = modes.get(2);
      double offRate = offMode.rate(seconds * rounds);
      double idleRate = idleMode.rate(seconds * rounds);
      double onRate = onMode.rate(seconds * rounds);
      System.out.printf("cost of the audit: %.1f%% of lifecycles/s (allowed: 20%%); %d rounds of %d s each after %d s "
          + "to settle, rotating; entries appended: %d%n", 100 * (1 - onRate / offRate), rounds, seconds, settle,
          chain.appended());
      System.out.printf("the harness's own figure, a trail that writes nothing against the audit off (should be "
          + "about 0): %.1f%%; the audit against that trail: %.1f%%%n", 100 * (1 - idleRate / offRate),
          100 * (1 - onRate / idleRate));
      rows(session, chain.appended(), onMode.unmeasured + onMode.done);
      for (Mode mode : modes) {
        mode.cpu.print(mode.name, mode.done);
      }
      double offPer = offMode.cpu.total() / offMode.done;
      double idlePer = idleMode.cpu.total() / idleMode.done;
      double onPer = onMode.cpu.total() / onMode.done;
      System.out.printf("CPU per lifecycle, audit on against off: +%.1f%%, the no-op trail against off: +%.1f%%; the "
          + "cost where the processors are the limit: %.1f%% of lifecycles/s%n", 100 * (onPer / offPer - 1),
          100 * (idlePer / offPer - 1), 100 * (1 - offPer / onPer));
    }
  }

  /** The chain the audited service appends to: a signed checkpoint every 1,000 entries or 10 s. */
  static ChainAppender chain(CqlSession session, Clock clock) {
    return ChainAppender.open("bench", new CassandraAuditStore(session), SampleExport.signer(), clock,
        new CheckpointPolicy(1_000, Duration.ofSeconds(10)), 256);
  }

  /**
   * The service feeding the audit: intents in Cassandra, entries appended to {@code chain}, and the intents swept as
   * the service sweeps them (every 10 s, ops' {@code AuditFactory}), since each sweep reads a minute's intents.
   */
  static PortingService audited(CqlSession session, Regime regime, ChainAppender chain, Clock clock) {
    return BenchLifecycles.service(session, regime, audited(session, chain, clock));
  }

  /** The trail feeding the audit, as above. */
  static AuditTrail audited(CqlSession session, ChainAppender chain, Clock clock) {
    return audited(session, chain, clock, UnaryOperator.identity());
  }

  /** As above, with the trail's intents seen through {@code trailSees} (the sweep's are the intents themselves). */
  static AuditTrail audited(CqlSession session, ChainAppender chain, Clock clock, UnaryOperator<Intents> trailSees) {
    CassandraIntents intents = new CassandraIntents(session);
    IntentSweeper sweeper = new IntentSweeper(intents, new CassandraAppliedSteps(session), chain, clock,
        IntentSweeper.DEFAULT_GRACE, IntentSweeper.DEFAULT_HORIZON);
    SWEEPS.scheduleWithFixedDelay(() -> {
      try {
        sweeper.sweep();
      } catch (RuntimeException e) {
        System.err.println("intent sweep failed: " + e);
      }
    }, 10, 10, TimeUnit.SECONDS);
    return new ChainTrail("bench", chain, trailSees.apply(intents), clock);
  }

  /** The thread that sweeps the audited services' intents; it ends with the process. */
  private static final ScheduledExecutorService SWEEPS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-intent-sweep");
    t.setDaemon(true);
    return t;
  });

  static void printCpu(String mode, long clientNanos, long nodeNanos, long lifecycles) {
    System.out.printf("%s: CPU per lifecycle: client %.2f ms, node %.2f ms, both %.2f ms (%d lifecycles)%n", mode,
        clientNanos / 1e6 / lifecycles, nodeNanos / 1e6 / lifecycles, (clientNanos + nodeNanos) / 1e6 / lifecycles,
        lifecycles);
  }

  /** One way of running the lifecycle, with what its rounds measured. */
  private static final class Mode {
    final String name;
    final PortingService service;
    final Histogram latency = histogram();
    final Cpu cpu = new Cpu();
    /** Lifecycles of the warm-up and the settling, not measured. */
    long unmeasured;
    long done;

    Mode(String name, PortingService service) {
      this.name = name;
      this.service = service;
    }

    double rate(int seconds) {
      return (double) done / seconds;
    }
  }

  /** What the audit wrote, in rows: the block rows (audit V006) hold many values each. */
  static void rows(CqlSession session, long entries, long lifecycles) {
    long total = 0;
    StringBuilder line = new StringBuilder("rows written by the audit:");
    for (String table : List.of("audit_entry_blocks", "audit_intent_blocks", "audit_intent_done")) {
      long rows = session.execute(SimpleStatement.newInstance("SELECT COUNT(*) FROM " + table)
          .setTimeout(Duration.ofMinutes(1))).one().getLong(0);
      total += rows;
      line.append(rows == 0 ? String.format(" %s 0,", table)
          : String.format(" %s %d (%.1f entries' worth each),", table, rows, (double) entries / rows));
    }
    System.out.printf("%s %.2f a lifecycle audited%n", line, (double) total / lifecycles);
  }

  /**
   * Processor time of this JVM (the service, the driver, the chain) and of the embedded node (its child JVM) over the
   * rounds of one mode: on a machine shared with other work, the time each lifecycle costs is steadier than the rate,
   * which moves with what else runs.
   */
  static final class Cpu {
    final ProcessHandle node = ProcessHandle.current().children()
        .filter(child -> child.info().command().map(command -> command.endsWith("java")).orElse(false))
        .findFirst().orElseThrow(() -> new IllegalStateException("the embedded node's JVM is not a child"));
    long clientNanos;
    long nodeNanos;

    void start() {
      clientNanos -= nanos(ProcessHandle.current());
      nodeNanos -= nanos(node);
    }

    void stop() {
      clientNanos += nanos(ProcessHandle.current());
      nodeNanos += nanos(node);
    }

    double total() {
      return clientNanos + nodeNanos;
    }

    void print(String mode, long lifecycles) {
      printCpu(mode, clientNanos, nodeNanos, lifecycles);
    }

    private static long nanos(ProcessHandle process) {
      return process.info().totalCpuDuration().orElseThrow().toNanos();
    }
  }

  static double ceiling(CqlSession session, int seconds, long firstKey) throws Exception {
    return (LifecycleBenchmark.lwtRate(session, true, Math.max(5, seconds / 2), firstKey)
        + LifecycleBenchmark.lwtRate(session, false, Math.max(5, seconds / 2), firstKey)) / 2;
  }

  private static long run(PortingService service, AtomicLong numbers, int seconds, int workers) throws Exception {
    return run(service, numbers, seconds, workers, histogram());
  }

  static long run(PortingService service, AtomicLong numbers, int seconds, int workers, Histogram latency)
      throws Exception {
    return run(service, numbers, seconds, workers, latency, new AtomicLong());
  }

  /** As above, counting the lifecycles that failed into {@code failed}. */
  static long run(PortingService service, AtomicLong numbers, int seconds, int workers, Histogram latency,
      AtomicLong failed) throws Exception {
    AtomicLong completed = new AtomicLong();
    LifecycleBenchmark.lifecycles(service, numbers, seconds, workers, latency, completed, failed);
    return completed.get();
  }

  static Histogram histogram() {
    return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
  }

  static void print(String mode, double rate, Histogram latency, int workers) {
    System.out.printf("%s: %.1f lifecycles/s; latency ms (closed loop, %d workers): p50 %.1f  p99 %.1f  "
        + "p99.9 %.1f  max %.1f  (n=%d)%n", mode, rate, workers, LifecycleBenchmark.ms(latency.getValueAtPercentile(50)),
        LifecycleBenchmark.ms(latency.getValueAtPercentile(99)), LifecycleBenchmark.ms(latency.getValueAtPercentile(99.9)),
        LifecycleBenchmark.ms(latency.getMaxValue()), latency.getTotalCount());
  }
}
