package npc.core.porting;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import npc.cassandra.embedded.NodeSettings;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineLeases;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.DeadlineStore;
import npc.core.deadline.MemoryDeadlineLeases;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.Replication;
import npc.core.storage.SchemaMigrations;
import npc.core.store.CassandraDeadlineLeases;
import npc.core.store.CassandraDeadlineStore;
import org.HdrHistogram.Histogram;

/**
 * Deadlines fired per second by 1, 2 and 3 instances over one real node, and the CQL requests each instance spends,
 * printed beside the node's conditional-write ceiling measured in the same run. Each instance has its own session
 * (its requests counted by the driver), stores, leases and firing, and runs rounds back to back on a thread of its
 * own, as its timer would with a backlog. A deadline's effect is one conditional insert, as a transition is.
 *
 * <p>Each count of instances runs twice: sharing by leases, and each instance alone with leases of its own in memory,
 * which is how every instance fired every row before the rows were shared. Per run: a fresh keyspace, the instances
 * started and left idle for 10 s (their requests per second while nothing is due), then {@code deadlines} rows
 * written, all due, while no instance fires; then the instances fire, and the rate is the rows over the time from
 * then until every effect applied.
 *
 * <p>Run: see npc-core/BENCHMARKS.md. Arguments: {@code [deadlines]} (default 10,000).
 */
public final class DeadlineBenchmark {
  private static final Duration IDLE = Duration.ofSeconds(10);

  private DeadlineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int deadlines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Path.of("target", "bench-cassandra-" + System.currentTimeMillis());
    CassandraSettings settings = CassandraSettings.embedded(NodeSettings.defaults(dir).withAutoSnapshot(false))
        .withKeyspace("bench", Replication.simple(1));
    try (Database database = Database.open(settings, List.of(SchemaMigrations.core()))) {
      CassandraSettings cluster = settings.withCluster(database.contactPoints(), "datacenter1");
      LifecycleBenchmark.lwtRate(database.session(), true, 5, 0); // warm-up: JIT of node and client
      double lwtStart = LifecycleBenchmark.lwtRate(database.session(), true, 10, 1L << 40);
      System.out.printf("storage ceiling, same node and run (256 in flight): LWT inserts %.0f/s%n", lwtStart);
      System.out.printf("%d deadlines a run, all due at once; lease %s; one firing thread per instance%n", deadlines,
          DeadlineShare.DEFAULT_LEASE);
      int run = 0;
      for (int instances = 1; instances <= 3; instances++) {
        for (boolean shared : instances == 1 ? new boolean[] {true} : new boolean[] {true, false}) {
          run(cluster.withKeyspace("bench_deadlines_" + ++run, Replication.simple(1)), instances, shared, deadlines);
        }
      }
      double lwtEnd = LifecycleBenchmark.lwtRate(database.session(), true, 10, 1L << 41);
      System.out.printf("storage ceiling again after the runs: LWT inserts %.0f/s%n", lwtEnd);
    }
  }

  private static void run(CassandraSettings settings, int count, boolean shared, int deadlines) throws Exception {
    try (Database database = Database.open(settings, List.of(SchemaMigrations.core()))) {
      database.session().execute("CREATE TABLE effects (subject uuid PRIMARY KEY)");
      List<Instance> instances = new ArrayList<>();
      AtomicLong applied = new AtomicLong();
      Histogram lateness = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      for (int i = 0; i < count; i++) {
        instances.add(new Instance(settings, database, shared, applied, lateness));
      }
      idle(instances);
      writeDeadlines(database, deadlines);
      instances.forEach(Instance::snapshot);
      long cpuBefore = LifecycleBenchmark.nodeCpuNanos();
      Instant due = Instant.now();
      instances.forEach(i -> i.firingStart = due);
      ExecutorService threads = Executors.newFixedThreadPool(count);
      for (Instance instance : instances) {
        threads.submit(() -> instance.fireUntil(() -> applied.get() >= deadlines));
      }
      threads.shutdown();
      if (!threads.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the deadlines were not all fired in 10 minutes");
      }
      double seconds = Duration.between(due, Instant.now()).toNanos() / 1e9;
      double nodeCpu = (LifecycleBenchmark.nodeCpuNanos() - cpuBefore) / 1e9;
      System.out.printf("%n%d instance(s), %s: %d fired in %.2f s = %.0f deadlines/s; node %.2f ms per deadline; "
          + "time from the start of firing to each effect (ms): p50 %.0f, p99 %.0f, p99.9 %.0f, max %.0f, n=%d%n",
          count,
          shared ? "sharing by leases" : "each alone (every instance fires every row)", applied.get(), seconds,
          applied.get() / seconds, nodeCpu * 1e3 / applied.get(), lateness.getValueAtPercentile(50) / 1e3,
          lateness.getValueAtPercentile(99) / 1e3, lateness.getValueAtPercentile(99.9) / 1e3,
          lateness.getMaxValue() / 1e3, lateness.getTotalCount());
      for (Instance instance : instances) {
        instance.print(deadlines);
      }
      instances.forEach(Instance::close);
    }
  }

  /** Rounds every second for {@link #IDLE} with nothing due: the requests an instance spends while idle. */
  private static void idle(List<Instance> instances) throws InterruptedException {
    for (int second = 0; second < 2; second++) { // the first rounds take the leases
      instances.forEach(i -> i.firing.fireDue());
      Thread.sleep(1000);
    }
    instances.forEach(Instance::snapshot);
    long end = System.nanoTime() + IDLE.toNanos();
    while (System.nanoTime() < end) {
      instances.forEach(i -> i.firing.fireDue());
      Thread.sleep(1000);
    }
    instances.forEach(i -> i.idle = i.requests.since(i.mark));
  }

  /** Writes the rows, all due at the instant writing starts, 64 writes in flight, while no instance fires. */
  private static void writeDeadlines(Database database, int deadlines) throws InterruptedException {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    Instant due = Instant.now();
    long start = System.nanoTime();
    ExecutorService writers = Executors.newFixedThreadPool(64);
    for (int i = 0; i < deadlines; i++) {
      Deadline row = new Deadline(due, Deadline.Kind.DONOR_ANSWER, UUID.randomUUID(), "+8613800138000");
      writers.submit(() -> store.add(row));
    }
    writers.shutdown();
    writers.awaitTermination(10, TimeUnit.MINUTES);
    System.out.printf("%nwrote %d rows in %.1f s%n", deadlines, (System.nanoTime() - start) / 1e9);
  }

  /** One instance: its own session (requests counted), stores, leases and firing. */
  private static final class Instance {
    final Requests requests = new Requests();
    final CqlSession session;
    final DeadlineFiring firing;
    final PreparedStatement effect;
    final AtomicLong applied;
    final Histogram lateness;
    long handedOver;
    long failedRounds;
    final LongAdder rowsRead = new LongAdder();
    long rowsMark;
    long mine;
    long[] mark;
    long[] idle;
    long[] firingMark;
    volatile Instant firingStart;

    Instance(CassandraSettings settings, Database database, boolean shared, AtomicLong applied, Histogram lateness) {
      this.applied = applied;
      this.lateness = lateness;
      session = CqlSession.builder().addContactPoints(database.contactPoints()).withLocalDatacenter("datacenter1")
          .withKeyspace(settings.keyspace()).addRequestTracker(requests)
          .withConfigLoader(DriverConfigLoader.programmaticBuilder() // npc's own request timeout
              .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10)).build())
          .build();
      effect = session.prepare("INSERT INTO effects (subject) VALUES (?) IF NOT EXISTS");
      DeadlineStore store = new RowCounting(new CassandraDeadlineStore(session), rowsRead);
      DeadlineLeases leases = shared ? new CassandraDeadlineLeases(session) : new MemoryDeadlineLeases();
      DeadlineShare share = new DeadlineShare(leases, store, UUID.randomUUID(), DeadlineShare.DEFAULT_LEASE,
          Clock.systemUTC());
      firing = new DeadlineFiring(store, share, Clock.systemUTC(), this::act);
    }

    private void act(Deadline deadline) {
      handedOver++;
      if (session.execute(effect.bind(deadline.subject())).wasApplied()) {
        mine++;
        applied.incrementAndGet();
        synchronized (lateness) {
          lateness.recordValue(Math.max(0, Duration.between(firingStart, Instant.now()).toNanos() / 1000));
        }
      }
    }

    void snapshot() {
      mark = requests.now();
      firingMark = mark;
      rowsMark = rowsRead.sum();
    }

    void fireUntil(java.util.function.BooleanSupplier done) {
      try {
        while (!done.getAsBoolean()) {
          try {
            if (firing.fireDue() == 0) {
              Thread.sleep(100);
            }
          } catch (RuntimeException e) { // as the timer does: counted, and tried again at the next round
            failedRounds++;
            Thread.sleep(100);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void print(int deadlines) {
      long[] used = requests.since(firingMark);
      double idleSeconds = IDLE.toSeconds();
      System.out.printf("  instance: units %d; %d rounds failed; handed over %d rows, %d applied here "
              + "(%d to no effect); while firing: %d rows read in %d reads, %d conditional writes, %d other writes (%.3f reads per deadline fired); idle: "
              + "%.1f reads/s, %.2f conditional writes/s, %.2f other writes/s%n", firing.units().size(),
          failedRounds, handedOver, mine, handedOver - mine, rowsRead.sum() - rowsMark, used[0], used[1], used[2], (double) used[0] / deadlines,
          idle[0] / idleSeconds, idle[1] / idleSeconds, idle[2] / idleSeconds);
    }

    void close() {
      session.close();
    }
  }

  /** A store that counts the rows its reads return. */
  private record RowCounting(DeadlineStore store, LongAdder rows) implements DeadlineStore {
    @Override
    public void addAll(List<Deadline> deadlines) {
      store.addAll(deadlines);
    }

    @Override
    public List<Deadline> due(Set<Integer> units, long dueHour, Instant from, Instant upTo) {
      List<Deadline> due = store.due(units, dueHour, from, upTo);
      rows.add(due.size());
      return due;
    }

    @Override
    public Optional<Instant> legacyFiredThrough() {
      return store.legacyFiredThrough();
    }

    @Override
    public boolean legacyEmpty() {
      return store.legacyEmpty();
    }
  }

  /** The requests one session sent, by kind: reads, conditional writes, other writes. */
  private static final class Requests implements RequestTracker {
    private final LongAdder reads = new LongAdder();
    private final LongAdder conditional = new LongAdder();
    private final LongAdder writes = new LongAdder();

    @Override
    public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
        String prefix) {
      count(request);
    }

    @Override
    public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
        Node node, String prefix) {
      count(request);
    }

    private void count(Request request) {
      String query = request instanceof BoundStatement b ? b.getPreparedStatement().getQuery()
          : request instanceof SimpleStatement s ? s.getQuery()
          : request instanceof BatchStatement ? "BATCH" : "";
      if (query.startsWith("SELECT")) {
        reads.increment();
      } else if (query.contains(" IF ")) {
        conditional.increment();
      } else {
        writes.increment();
      }
    }

    long[] now() {
      return new long[] {reads.sum(), conditional.sum(), writes.sum()};
    }

    long[] since(long[] mark) {
      long[] now = now();
      return new long[] {now[0] - mark[0], now[1] - mark[1], now[2] - mark[2]};
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
