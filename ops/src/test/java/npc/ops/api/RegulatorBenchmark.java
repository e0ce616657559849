package npc.ops.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.report.FiguresRound;
import npc.audit.store.CassandraAuditStore;
import npc.core.port.PortState;
import npc.core.porting.BenchLifecycles;
import npc.core.porting.PortingService;
import npc.core.storage.Database;
import npc.ops.security.Role;
import org.HdrHistogram.Histogram;

/**
 * A program, not a test: the regulator's heavy reads on the whole service and its test node, the lifecycle throughput
 * they cost, and the storage ceiling, all measured in the same run on the same node. The service runs npc-core's test
 * regime {@code bench}, China's rules with immediate activation, so that a lifecycle completes within the run.
 *
 * <ol>
 *   <li>{@code PORTS} ports of CM's numbers over the third quarter of 2026 (CM donor, CU or CT recipient), written
 *       straight to the store: three audit entries each on one hash chain of their own (opened; accepted or, one in
 *       ten, rejected UNPAID_CHARGES; completed), with the evidence the core writes (donor, recipient, the answer's
 *       {@code openedAt}), and each port's row and its two {@code ports_by_carrier_day} entries (a failed write is
 *       sent again: a missing entry would stop the figures' fold at its hole). No lifecycle runs here: the reads are
 *       what is measured. {@code PORTS} may be a list of sizes ({@code 5000,20000}): the record grows
 *       to each in turn, and each size is measured.
 *   <li>The service's own {@link FiguresRound} brought up to the chain's head (it also runs on its schedule during
 *       the generation), timed: the daily figures are folded from the generated entries by the code under test.
 *   <li>The quarter's report for CM over HTTP ({@code GET /api/v1/reports/CM}), three times, each timed.
 *   <li>After the last size, {@code REGULATORS} regulators, each asking in turn {@code GET /api/v1/ports?carrier=CM}
 *       for one random day of the quarter (100 a page) and {@code GET /api/v1/findings?carrier=CM} for the last day,
 *       open loop at {@code RATE} requests a second in all for {@code SECONDS}: each latency counts from the time its
 *       request was due, so a stall is not hidden (no coordinated omission). Percentiles per kind of query.
 *   <li>Port lifecycles through the service's own {@link PortingService} ({@link BenchLifecycles#run}: code, port,
 *       donor's acceptance, the activation deadline fired, every participant's routing acknowledgement, the donor's
 *       deactivation, the port COMPLETED), {@code WORKERS} threads in a closed loop on numbers the generated ports do
 *       not use: a warm-up, then step 4's regulators alone, then lifecycles for {@code SECONDS / 2} without
 *       regulators and {@code SECONDS / 2} with step 4's regulators running (their percentiles printed), twice in
 *       turn, so that warming and the machine's drift fall on both; lifecycles a second in both, and the difference.
 *   <li>The ceiling: point reads of port rows, 256 in flight, for 5 s.
 * </ol>
 *
 * <p>Arguments: {@code PORTS REGULATORS RATE SECONDS [WORKERS]} (default 20000 4 20 20 16). Steps 4 to 6 run once,
 * after the last size.
 */
public final class RegulatorBenchmark {
  private static final Instant QUARTER = Instant.parse("2026-07-01T00:00:00Z");
  private static final int QUARTER_DAYS = 92;
  private static final int IN_FLIGHT = 256;
  private static final int WRITE_ATTEMPTS = 10;
  private static final AtomicLong RESENT = new AtomicLong();
  private static final AtomicLong LOST = new AtomicLong();

  private RegulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList()
        : List.of(20_000);
    int regulators = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int workers = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    // China's rules with immediate activation (npc-core's test regime "bench"): under cn's own, an accepted port
    // activates at the next whole hour, so no lifecycle could complete within the run.
    RunningService service = RunningService.own("bench", Map.of("npc.regime", "bench"));
    PortingService porting = service.context.getBean(PortingService.class);
    if (!porting.regime().activation().activationTime(Instant.EPOCH).equals(Instant.EPOCH)) {
      throw new IllegalStateException("the service's regime " + porting.regime().id() + " does not activate at once");
    }
    CqlSession session = service.context.getBean(Database.class).session();
    String token = service.developmentToken(Role.REGULATOR);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String quarter = "from=" + QUARTER + "&to=" + QUARTER.plus(Duration.ofDays(QUARTER_DAYS));
    Generator generator = new Generator(session, new CassandraAuditStore(session));
    FiguresRound figures = service.context.getBean(FiguresRound.class);
    for (int ports : sizes) {
      long started = System.nanoTime();
      generator.upTo(ports);
      System.out.printf("generated ports=%d audit entries=%d in %.1f s (writes sent again=%d, lost=%d)%n", ports,
          ports * 3L, (System.nanoTime() - started) / 1e9, RESENT.get(), LOST.get());
      long folding = System.nanoTime();
      long folded = figures.run();
      System.out.printf("figures round caught up: entries folded=%d in %.2f s (the scheduled rounds folded the "
          + "rest during the generation)%n", folded, (System.nanoTime() - folding) / 1e9);
      for (int i = 1; i <= 3; i++) {
        long t = System.nanoTime();
        HttpResponse<String> report = get(http, service.base.resolve("/api/v1/reports/CM?" + quarter), token);
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("report CM quarter ports=%d run=%d status=%d seconds=%.3f body=%s%n", ports, i,
            report.statusCode(), s, report.body().substring(0, Math.min(220, report.body().length())));
      }
    }
    List<String> numbers = generator.numbers;

    Lifecycles lifecycles = new Lifecycles(porting, workers);
    lifecycles.run(Math.min(5, seconds)); // warm-up, not counted
    Regulators alone = new Regulators(http, service.base, token, regulators, rate, seconds);
    alone.run();
    alone.print("regulators alone");
    // Without and with the regulators in alternating turns of SECONDS / 2, twice each way: the JIT and the node warm up, and the
    // machine's load drifts, through a run; "all without, then all with" would credit that drift to one mode.
    int turn = Math.max(1, seconds / 2);
    double without = 0;
    double with = 0;
    for (int round = 1; round <= 2; round++) {
      without += lifecycles.run(turn) / 2;
      Regulators during = new Regulators(http, service.base, token, regulators, rate, turn);
      Thread asking = new Thread(during::run, "regulators");
      asking.start();
      with += lifecycles.run(turn) / 2;
      asking.join();
      during.print("regulators during lifecycles, round " + round);
    }
    System.out.printf("lifecycles (%d workers, closed loop, %d s in all each way, alternating %d s without and %d s "
        + "with): without regulators=%.1f/s with regulators=%.1f/s difference=%+.1f%% (failed: %d)%n", workers,
        2 * turn, turn, turn, without, with, (with - without) / without * 100, lifecycles.failed.get());

    double reads = ceiling(session, numbers);
    System.out.printf("ceiling: point reads of port rows=%.0f/s (%d in flight); a page of 100 costs 1 index read "
        + "+ up to 100 point reads, so the node's ceiling is about %.0f pages/s%n", reads, IN_FLIGHT, reads / 101);
    System.exit(0);
  }

  /** Writes ports, their rows and their entries, continuing one chain from one size to the next. */
  private static final class Generator {
    private final CqlSession session;
    private final CassandraAuditStore store;
    private final PreparedStatement port;
    private final PreparedStatement index;
    private final String chain = "bench-" + ProcessHandle.current().pid();
    private final Random random = new Random(42);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<String> numbers = new ArrayList<>();
    private long position;
    private Bytes32 previous = Bytes32.ZERO;

    Generator(CqlSession session, CassandraAuditStore store) {
      this.session = session;
      this.store = store;
      port = session.prepare("INSERT INTO numbers (msisdn, port_id, state, order_id, channel, "
          + "recipient, donor, subscriber_type, submitted_at, donor_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      index = session.prepare("INSERT INTO ports_by_carrier_day (carrier, day, submitted_at, "
          + "port_id, msisdn, side) VALUES (?, ?, ?, ?, ?, ?)");
      store.openChain(chain, "bench", QUARTER);
    }

    /** Writes ports until there are {@code ports}, and waits for every write. */
    void upTo(int ports) {
      for (int i = numbers.size(); i < ports; i++) {
        one(i);
      }
      inFlight.acquireUninterruptibly(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
    }

    private void one(int i) {
      String msisdn = String.format("+86139%08d", i);
      numbers.add(msisdn);
      UUID id = UUID.randomUUID();
      String recipient = i % 2 == 0 ? "CU" : "CT";
      Instant opened = QUARTER.plusMillis((long) (random.nextDouble() * QUARTER_DAYS * 86_400_000L));
      Instant answered = opened.plusSeconds(1 + random.nextInt(600));
      boolean rejected = random.nextInt(10) == 0;
      LocalDate day = LocalDate.ofInstant(opened, ZoneOffset.UTC);
      String state = rejected ? "REJECTED_BY_DONOR" : "COMPLETED";
      write(inFlight, () -> session.executeAsync(port.bind(msisdn, id, state, "o-" + i, "outlet:BJ-" + (i % 50),
          recipient, "CM", "INDIVIDUAL", opened, opened.plusSeconds(1800))));
      write(inFlight, () -> session.executeAsync(index.bind(recipient, day, opened, id, msisdn, "RECIPIENT")));
      write(inFlight, () -> session.executeAsync(index.bind("CM", day, opened, id, msisdn, "DONOR")));
      Map<String, String> parties = Map.of("donor", "CM", "recipient", recipient);
      Map<String, String> answer = Map.of("donor", "CM", "recipient", recipient, "openedAt", opened.toString());
      List<AuditRecord> records = List.of(
          AuditRecord.of(UUID.randomUUID(), opened, "PORT_OPENED").withActor(recipient)
              .withSubject(id.toString(), msisdn).withEvidence(parties),
          rejected
              ? AuditRecord.of(UUID.randomUUID(), answered, "PORT_REJECTED_BY_DONOR").withActor("CM")
                  .withSubject(id.toString(), msisdn).withReason("UNPAID_CHARGES",
                      new TreeMap<>(Map.of("amount", "1200", "donor", "CM", "recipient", recipient,
                          "openedAt", opened.toString())))
              : AuditRecord.of(UUID.randomUUID(), answered, "PORT_ACCEPTED").withActor("CM")
                  .withSubject(id.toString(), msisdn).withEvidence(answer),
          AuditRecord.of(UUID.randomUUID(), answered.plusSeconds(3600), rejected ? "PORT_CANCELLED" : "PORT_COMPLETED")
              .withSubject(id.toString(), msisdn).withEvidence(parties));
      for (AuditRecord r : records) {
        AuditEntry entry = new AuditEntry(chain, ++position, previous, r);
        previous = entry.hash();
        write(inFlight, () -> store.insert(entry));
      }
    }
  }

  /**
   * Sends a write, and sends it again (a second later, up to {@link #WRITE_ATTEMPTS} times) while it fails: a lost
   * audit entry would leave a hole in the chain, where the figures' fold stops.
   */
  private static void write(Semaphore inFlight, Supplier<CompletionStage<?>> write) {
    inFlight.acquireUninterruptibly();
    attempt(inFlight, write, 1);
  }

  private static void attempt(Semaphore inFlight, Supplier<CompletionStage<?>> write, int attempt) {
    write.get().whenComplete((r, e) -> {
      if (e == null) {
        inFlight.release();
      } else if (attempt < WRITE_ATTEMPTS) {
        RESENT.incrementAndGet();
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> attempt(inFlight, write, attempt + 1));
      } else {
        LOST.incrementAndGet();
        inFlight.release();
        System.err.println("write failed " + attempt + " times: " + e);
      }
    });
  }

  /**
   * {@code regulators} threads asking, in turn, a ports page and the findings, open loop at {@code rate} requests a
   * second in all for {@code seconds}; each latency counts from the time its request was due.
   */
  private static final class Regulators {
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final int regulators;
    private final int rate;
    private final int seconds;
    private final Histogram ports = new Histogram(3_600_000_000L, 3);
    private final Histogram findings = new Histogram(3_600_000_000L, 3);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong findingsReturned = new AtomicLong();

    Regulators(HttpClient http, URI base, String token, int regulators, int rate, int seconds) {
      this.http = http;
      this.base = base;
      this.token = token;
      this.regulators = regulators;
      this.rate = rate;
      this.seconds = seconds;
    }

    void run() {
      long intervalNanos = 1_000_000_000L * regulators / rate;
      long start = System.nanoTime() + 100_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int r = 0; r < regulators; r++) {
        int regulator = r;
        long offset = intervalNanos * r / regulators;
        Random random = new Random(r);
        Thread t = new Thread(() -> {
          Histogram myPorts = new Histogram(3_600_000_000L, 3);
          Histogram myFindings = new Histogram(3_600_000_000L, 3);
          int asked = regulator; // the regulators start on different kinds
          for (long due = start + offset; due < start + seconds * 1_000_000_000L; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
              sleepNanos(wait);
            }
            boolean findingsQuery = asked++ % 2 == 1;
            URI uri;
            if (findingsQuery) {
              // The findings rounds keep the windows they judged, the last day's: what a regulator asks for.
              Instant now = Instant.now();
              uri = base.resolve("/api/v1/findings?carrier=CM&from=" + now.minus(Duration.ofDays(1)) + "&to=" + now);
            } else {
              Instant day = QUARTER.plus(Duration.ofDays(random.nextInt(QUARTER_DAYS)));
              uri = base.resolve("/api/v1/ports?carrier=CM&size=100&from=" + day + "&to=" + day.plus(Duration.ofDays(1)));
            }
            HttpResponse<String> answer = get(http, uri, token);
            long latency = Math.max(1, (System.nanoTime() - due) / 1_000);
            if (answer.statusCode() != 200) {
              failed.incrementAndGet();
            } else if (findingsQuery) {
              findingsReturned.addAndGet(occurrences(answer.body(), "\"rule\":"));
            }
            (findingsQuery ? myFindings : myPorts).recordValue(latency);
          }
          synchronized (this) {
            ports.add(myPorts);
            findings.add(myFindings);
          }
        }, "regulator-" + r);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    void print(String phase) {
      System.out.printf("%s: regulators=%d offered=%d/s for %d s, answers not 200: %d%n", phase, regulators, rate,
          seconds, failed.get());
      line(phase, "ports query (100 a page, one day)", ports);
      line(phase, "findings query (CM, the last day; findings returned in all=" + findingsReturned.get() + ")",
          findings);
    }

    private void line(String phase, String kind, Histogram h) {
      System.out.printf("  %s: %s samples=%d p50=%.1f ms p99=%.1f ms p99.9=%.1f ms max=%.1f ms%n", phase, kind,
          h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
          h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
  }

  /**
   * Whole port lifecycles through the service's own {@link PortingService}, as npc-core's lifecycle benchmark runs
   * them ({@link BenchLifecycles#run}), {@code workers} threads in a closed loop, on numbers of a block the generated
   * ports do not use (135..., theirs are 139...).
   */
  private static final class Lifecycles {
    private final PortingService service;
    private final int workers;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Lifecycles(PortingService service, int workers) {
      this.service = service;
      this.workers = workers;
    }

    /** Runs lifecycles for {@code seconds}; returns the lifecycles completed a second. */
    double run(int seconds) throws InterruptedException {
      AtomicLong completed = new AtomicLong();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        Thread t = new Thread(() -> {
          while (System.nanoTime() < end) {
            try {
              if (BenchLifecycles.run(service, next.getAndIncrement()).state() == PortState.COMPLETED) {
                completed.incrementAndGet();
              }
            } catch (RuntimeException e) {
              if (failed.incrementAndGet() <= 5) {
                System.err.println("lifecycle failed: " + e);
              }
            }
          }
        }, "lifecycle-" + w);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      return completed.get() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double ceiling(CqlSession session, List<String> numbers) {
    PreparedStatement read = session.prepare("SELECT state FROM numbers WHERE msisdn = ?");
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    Random random = new Random(7);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + 5_000_000_000L;
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      inFlight.acquireUninterruptibly();
      session.executeAsync(read.bind(numbers.get(random.nextInt(numbers.size())))).whenComplete((r, e) -> {
        done.incrementAndGet();
        inFlight.release();
      });
    }
    inFlight.acquireUninterruptibly(IN_FLIGHT);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token) {
    try {
      return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(uri + ": " + e, e);
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
