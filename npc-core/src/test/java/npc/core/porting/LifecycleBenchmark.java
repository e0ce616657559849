package npc.core.porting;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.cassandra.embedded.NodeSettings;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Consistency;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaAgreement;
import npc.core.storage.SchemaMigrations;
import org.HdrHistogram.Histogram;

/**
 * Completed port lifecycles per second through the application service on a real node, printed beside the raw
 * conditional-write rate of the same node measured in the same run, and the conditional writes one lifecycle
 * takes (counted by the driver, not assumed). A lifecycle: code issued, port submitted, donor accepts,
 * activation (its deadline handled directly, with the regime's activation set to immediate), every carrier's
 * acknowledgement, the donor's deactivation.
 *
 * <p>The node is started fresh and compiles its own code for minutes: lifecycles run for a warm-up first, and the
 * ceiling is measured again after the lifecycles, so that a figure measured while the node was still cold shows.
 *
 * <p>Run: see npc-core/BENCHMARKS.md. Arguments: {@code [seconds] [workers] [warm-up seconds]} (defaults 20, 32
 * and 30). On a fresh embedded node by default; {@code -Dnpc.bench.contact-points=HOST:PORT,...} (with
 * {@code npc.bench.datacenter}, default {@code datacenter1}, and {@code npc.bench.replication}, default
 * {@code SimpleStrategy:3}) runs it on an external cluster, such as {@code npc cluster start}'s, in a new keyspace,
 * once per level of {@code npc.bench.levels} (comma-separated, default {@code LOCAL_QUORUM}: reads and writes at it,
 * conditional writes at {@code LOCAL_SERIAL}), each in a keyspace of its own.
 * The processors the nodes use are those of the embedded node, a child of this JVM, or of the processes whose pids
 * {@code npc.bench.node-pids} lists (comma-separated).
 */
public final class LifecycleBenchmark {
  /** Why the lifecycles of this process failed. */
  static final Failures FAILURES = new Failures();

  private static final int IN_FLIGHT = 256;

  private LifecycleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String points = System.getProperty("npc.bench.contact-points", "");
    if (points.isBlank()) {
      Path dir = Path.of("target", "bench-cassandra-" + System.currentTimeMillis());
      run(CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
          .withKeyspace("bench", Replication.simple(1)), seconds, workers, warmUp);
      return;
    }
    // An external cluster (npc cluster start, say): a keyspace of its own per level, so that numbers never collide.
    String levels = System.getProperty("npc.bench.levels", Consistency.defaults().read().name());
    long run = System.currentTimeMillis();
    for (String level : levels.split(",")) {
      Consistency consistency = Consistency.parse(level, level, Consistency.defaults().serial().name());
      CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(Path.of("target", "unused")))
          .withCluster(CassandraSettings.parseContactPoints(points),
              System.getProperty("npc.bench.datacenter", "datacenter1"))
          .withKeyspace("bench_" + run + "_" + level.toLowerCase(Locale.ROOT),
              Replication.parse(System.getProperty("npc.bench.replication", "SimpleStrategy:3")))
          .withConsistency(consistency);
      System.out.printf("%ncluster: %s, datacenter %s, keyspace %s with %s; reads and writes at %s, conditional "
          + "writes at %s%n", points, settings.localDatacenter(), settings.keyspace(), settings.replication().toCql(),
          level, consistency.serial());
      run(settings, seconds, workers, warmUp);
    }
  }

  /**
   * The ceiling, the lifecycles and the ceiling again, on the database of {@code settings}, all through its own
   * session: at its consistency levels, and with its statements marked as npc marks them.
   */
  private static void run(CassandraSettings settings, int seconds, int workers, int warmUp) throws Exception {
    ConditionalWriteCounter counter = new ConditionalWriteCounter(new AtomicLong());
    // Requests may take the settings' timeout: a schema change on a busy cluster outlasts the driver's 2 s.
    try (Database database = Database.open(settings, List.of(SchemaMigrations.core()), counter)) {
      CqlSession session = database.session();
      lwtRate(session, true, 5, 0); // warm-up: JIT of node and client
      long nodeBefore = nodeCpuNanos();
      long ceilingStart = System.nanoTime();
      double lwtInserts = lwtRate(session, true, Math.max(5, seconds / 2), 1L << 40);
      double lwtUpdates = lwtRate(session, false, Math.max(5, seconds / 2), 1L << 40);
      double ceilingSeconds = (System.nanoTime() - ceilingStart) / 1e9;
      long ceilingNodeCpu = nodeCpuNanos() - nodeBefore;
      System.out.printf("storage ceiling, same nodes and run (%d in flight): LWT inserts %.0f/s, "
          + "LWT updates %.0f/s; the nodes used %.2f processors, %.2f ms per conditional write%n", IN_FLIGHT,
          lwtInserts, lwtUpdates, ceilingNodeCpu / 1e9 / ceilingSeconds,
          ceilingNodeCpu / 1e6 / ((lwtInserts + lwtUpdates) / 2 * ceilingSeconds));
      Measured lifecycles = runLifecycles(session, counter, seconds, workers, warmUp);
      counter.printPerLifecycle(lifecycles.completed());
      double endInserts = lwtRate(session, true, Math.max(5, seconds / 2), 1L << 41);
      double endUpdates = lwtRate(session, false, Math.max(5, seconds / 2), 1L << 41);
      System.out.printf("storage ceiling again after the lifecycles: LWT inserts %.0f/s, LWT updates %.0f/s%n",
          endInserts, endUpdates);
      // Held against the higher of the two ceilings: a node measured cold must not flatter the share.
      double ceiling = Math.max((lwtInserts + lwtUpdates) / 2, (endInserts + endUpdates) / 2);
      double bound = ceiling / lifecycles.conditionalWrites();
      System.out.printf("conditional writes per lifecycle (counted): %.2f; higher ceiling (mean of inserts and "
          + "updates) %.0f/s / that = %.1f lifecycles/s; achieved %.0f%% of it (goal >= 50%%)%n",
          lifecycles.conditionalWrites(), ceiling, bound, 100 * lifecycles.rate() / bound);
    }
  }

  /** What the measured phase did: lifecycles completed, their rate, and conditional writes per lifecycle. */
  private record Measured(long completed, double rate, double conditionalWrites) {
  }

  private static Measured runLifecycles(CqlSession session, ConditionalWriteCounter counter, int seconds,
      int workers, int warmUp) throws Exception {
    AtomicLong conditional = counter.count();
    PortingService service = BenchLifecycles.service(session, BenchLifecycles.regime());
    AtomicLong numbers = new AtomicLong();
    AtomicLong warmed = new AtomicLong();
    lifecycles(service, numbers, warmUp, workers, new Histogram(TimeUnit.MINUTES.toNanos(1), 3), warmed,
        new AtomicLong());
    System.out.printf("warm-up: %d lifecycles in %d s = %.1f/s%n", warmed.get(), warmUp, (double) warmed.get() / warmUp);
    counter.byStatement().clear();
    Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long writesBefore = conditional.get();
    long nodeBefore = nodeCpuNanos();
    long clientBefore = cpuNanos(ProcessHandle.current());
    long start = System.nanoTime();
    lifecycles(service, numbers, seconds, workers, latency, completed, failed);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double nodeCpu = (nodeCpuNanos() - nodeBefore) / 1e9;
    double clientCpu = (cpuNanos(ProcessHandle.current()) - clientBefore) / 1e9;
    double rate = completed.get() / elapsed;
    double perLifecycle = completed.get() == 0 ? 0 : (double) (conditional.get() - writesBefore) / completed.get();
    System.out.printf("lifecycles: %d completed (%d failed) in %.1f s with %d workers = %.1f/s%n", completed.get(),
        failed.get(), elapsed, workers, rate);
    FAILURES.print("lifecycles");
    System.out.printf("processors used: the nodes %.2f (%.2f ms per lifecycle), this JVM %.2f (%.2f ms per "
        + "lifecycle)%n", nodeCpu / elapsed, 1000 * nodeCpu / Math.max(1, completed.get()), clientCpu / elapsed,
        1000 * clientCpu / Math.max(1, completed.get()));
    System.out.printf("lifecycle latency ms (closed loop, %d workers): p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  "
        + "(n=%d)%n", workers, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
        ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), latency.getTotalCount());
    return new Measured(completed.get(), rate, perLifecycle);
  }

  /** {@code workers} threads, each running lifecycles back to back for {@code seconds}. */
  static void lifecycles(PortingService service, AtomicLong numbers, int seconds, int workers,
      Histogram latency, AtomicLong completed, AtomicLong failed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int w = 0; w < workers; w++) {
      pool.submit(() -> {
        while (System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          try {
            BenchLifecycles.run(service, numbers.incrementAndGet());
            synchronized (latency) {
              latency.recordValue(System.nanoTime() - t0);
            }
            completed.incrementAndGet();
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            FAILURES.add(e);
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
  }

  /** Conditional writes per second with {@value #IN_FLIGHT} requests in flight, on a table of the bench. */
  static double lwtRate(CqlSession session, boolean inserts, int seconds, long firstKey) throws Exception {
    // On a cluster, the statements below must find the table on whichever node they reach.
    SchemaAgreement.execute(session, "CREATE TABLE IF NOT EXISTS bench_lwt (k bigint PRIMARY KEY, v int)");
    PreparedStatement insert = session.prepare("INSERT INTO bench_lwt (k, v) VALUES (?, 0) IF NOT EXISTS");
    PreparedStatement update = session.prepare("UPDATE bench_lwt SET v = 1 WHERE k = ? IF v = 0");
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    long k = firstKey;
    while (System.nanoTime() < end) {
      inFlight.acquire();
      BoundStatement statement = inserts ? insert.bind(k) : update.bind(k);
      k++;
      CompletionStage<AsyncResultSet> stage = session.executeAsync(statement);
      stage.whenComplete((rs, error) -> {
        if (error == null) {
          done.incrementAndGet();
        }
        inFlight.release();
      });
    }
    inFlight.acquire(IN_FLIGHT);
    double elapsed = (System.nanoTime() - start) / 1e9;
    return done.get() / elapsed;
  }

  /**
   * Processor time of the nodes: the embedded node (this JVM's child processes), or the processes named by
   * {@code npc.bench.node-pids} (an external cluster on this machine, such as the pids in {@code npc cluster
   * start}'s {@code cluster.state}).
   */
  static long nodeCpuNanos() {
    String pids = System.getProperty("npc.bench.node-pids", "");
    if (pids.isBlank()) {
      return ProcessHandle.current().descendants().mapToLong(LifecycleBenchmark::cpuNanos).sum();
    }
    long total = 0;
    for (String pid : pids.split(",")) {
      total += ProcessHandle.of(Long.parseLong(pid.trim())).map(LifecycleBenchmark::cpuNanos).orElse(0L);
    }
    return total;
  }

  /** A process's processor time so far, or 0 where the platform does not tell. */
  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /**
   * Counts requests whose CQL has an IF clause (the conditional writes, Paxos rounds, the node served), and every
   * request by its statement, for the breakdown.
   */
  record ConditionalWriteCounter(AtomicLong count, Map<String, LongAdder> byStatement)
      implements RequestTracker {
    ConditionalWriteCounter(AtomicLong count) {
      this(count, new ConcurrentHashMap<>());
    }

    @Override
    public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
        String prefix) {
      String query = request instanceof BoundStatement b ? b.getPreparedStatement().getQuery()
          : request instanceof SimpleStatement s ? s.getQuery()
          : request instanceof BatchStatement batch ? "BATCH " + firstOf(batch) : request.getClass().getSimpleName();
      if (query.contains(" IF ")) {
        count.incrementAndGet();
      }
      byStatement.computeIfAbsent(query.length() > 90 ? query.substring(0, 90) : query, q -> new LongAdder())
          .increment();
    }

    private static String firstOf(BatchStatement batch) {
      for (var statement : batch) {
        return statement instanceof BoundStatement b ? b.getPreparedStatement().getQuery() : "?";
      }
      return "";
    }

    void printPerLifecycle(long lifecycles) {
      System.out.println("requests per lifecycle, by statement:");
      byStatement.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .filter(e -> e.getValue().sum() >= lifecycles / 2)
          .forEach(e -> System.out.printf("  %5.2f  %s%n", (double) e.getValue().sum() / lifecycles, e.getKey()));
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
