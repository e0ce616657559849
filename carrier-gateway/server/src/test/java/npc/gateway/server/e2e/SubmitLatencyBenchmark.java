package npc.gateway.server.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import npc.core.storage.testing.TestCassandra;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.ClientTls;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Port request to acknowledgement latency through the gateway (SDK over loopback TLS, one gateway instance, the
 * embedded test node), open loop: first the highest submit rate a closed loop sustains, then fixed offered loads,
 * a fraction of it each, sent on a fixed timetable whatever the answers do; a request's latency runs from its
 * scheduled send time, so that a stall delays every request scheduled behind it (no coordinated omission).
 * The node's raw conditional-write rate (the ceiling of every write path here) is measured first in the same run,
 * as npc-core's LifecycleBenchmark does.
 *
 * <p>The donor (CM) issues every authorisation code through the gateway before each timed phase, so that the
 * timed phases measure port requests only. Each request is a distinct number of CM's block 138, with its own
 * idempotency key, sent by CU, CT and CBN in turn; CM's client stays connected and receives the port notices
 * (the gateway's push work is part of the load).
 *
 * <p>Not a test: a program. Run: see carrier-gateway/BENCHMARKS.md. Arguments:
 * {@code [closed-loop seconds] [seconds at 25%] [at 50%] [at 75%]} (defaults 8, 24, 16, 12).
 */
public final class SubmitLatencyBenchmark {
  private static final int LWT_IN_FLIGHT = 256;
  /** Requests in flight in the closed loops (codes and the maximum rate), over all connections together. */
  private static final int CLOSED_IN_FLIGHT = 64;
  private static final double[] LOADS = {0.25, 0.50, 0.75};
  private static final List<String> RECIPIENTS = List.of("CU", "CT", "CBN");
  private static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();
  private static final AtomicLong NUMBERS = new AtomicLong();

  private SubmitLatencyBenchmark() {}

  /** A number of CM's block 138 with the code its donor was issued for it. */
  private record Coded(String number, String code) {}

  public static void main(String[] args) throws Exception {
    int closedSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int[] loadSeconds = {args.length > 1 ? Integer.parseInt(args[1]) : 24,
        args.length > 2 ? Integer.parseInt(args[2]) : 16, args.length > 3 ? Integer.parseInt(args[3]) : 12};
    int status = 0;
    Path dir = Files.createTempDirectory("npc-submit-bench");
    List<CarrierClient> clients = new ArrayList<>();
    List<CqlSession> sessions = new ArrayList<>();
    try {
      LookupBenchmark.header("port request -> acknowledgement latency over loopback TLS, open loop");
      long startedAt = System.nanoTime();
      try (GatewayHarness harness = new GatewayHarness("submit_bench", dir)) {
        System.out.printf("embedded node and schema ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
        GatewayHarness.Instance instance = harness.startInstance();
        CarrierClient donor = connect(harness, instance, "CM");
        clients.add(donor);
        List<CarrierClient> recipients = new ArrayList<>();
        for (String carrier : RECIPIENTS) {
          recipients.add(connect(harness, instance, carrier));
        }
        clients.addAll(recipients);

        // The ceiling through a session of its own, as LifecycleBenchmark does: its 256 requests in flight do not
        // queue behind (or break) the gateway's connection.
        CqlSession session = CqlSession.builder().addContactPoints(TestCassandra.cluster().contactPoints())
            .withLocalDatacenter(TestCassandra.cluster().datacenter()).withKeyspace(harness.database.keyspace())
            .build();
        sessions.add(session);
        lwtRate(session, true, 3, 0); // warm-up: JIT of node and client
        System.out.printf("storage ceiling, same node and run (%d in flight): LWT inserts %s, LWT updates %s%n",
            LWT_IN_FLIGHT, lwtRate(session, true, 5, 1L << 40), lwtRate(session, false, 5, 1L << 40));

        double warm = closedLoop(recipients, issue(donor, 400), 10, null);
        System.out.printf("warm-up (not reported): 400 codes, then port requests closed loop, %.1f/s%n", warm);

        List<Coded> codes = issue(donor, (int) Math.max(1_000, warm * closedSeconds * 1.5));
        LookupBenchmark.Cpu cpu0 = LookupBenchmark.Cpu.take();
        double max = closedLoop(recipients, codes, closedSeconds, "maximum (closed loop, " + CLOSED_IN_FLIGHT
            + " in flight over " + recipients.size() + " connections)");
        System.out.println("    " + LookupBenchmark.Cpu.take().since(cpu0));

        double p99AtHalf = Double.NaN;
        for (int i = 0; i < LOADS.length; i++) {
          double rate = LOADS[i] * max;
          int count = (int) Math.round(rate * loadSeconds[i]);
          double p99 = openLoop(recipients, issue(donor, count), rate, LOADS[i]);
          if (LOADS[i] == 0.5) {
            p99AtHalf = p99;
          }
        }
        System.out.printf("storage ceiling again at the end (%d in flight): LWT inserts %s, LWT updates %s%n",
            LWT_IN_FLIGHT, lwtRate(session, true, 3, 2L << 40), lwtRate(session, false, 3, 2L << 40));
        System.out.printf("goal: p99 <= 50 ms at half the maximum rate: p99 %.1f ms, %s%n", p99AtHalf,
            p99AtHalf <= 50 ? "met" : "not met");
      } finally {
        for (CarrierClient client : clients) {
          client.close();
        }
        sessions.forEach(CqlSession::close);
      }
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    } finally {
      LookupBenchmark.delete(dir);
    }
    // The embedded node's threads are not daemons; its shutdown hook stops it. Everything else is closed above.
    System.exit(status);
  }

  private static CarrierClient connect(GatewayHarness harness, GatewayHarness.Instance instance, String carrier)
      throws Exception {
    CarrierClient client = CarrierClient.builder()
        .gateway("127.0.0.1", instance.gateway().address().getPort())
        .tls(ClientTls.fromPem(harness.pki.carrierCertificate(carrier), harness.pki.carrierKey(carrier),
            harness.pki.caCertificate()))
        .listener(new LookupBenchmark.Silent())
        .routingStream(false)
        .clientName("submit-benchmark", "1")
        .requestTimeout(Duration.ofSeconds(60))
        .connect();
    client.whenConnected().get(30, TimeUnit.SECONDS);
    return client;
  }

  /** {@code count} fresh numbers of block 138, each with a code the donor asked for, closed loop. */
  private static List<Coded> issue(CarrierClient donor, int count) throws Exception {
    long t0 = System.nanoTime();
    Semaphore inFlight = new Semaphore(CLOSED_IN_FLIGHT);
    Coded[] coded = new Coded[count];
    LongAdder failed = new LongAdder();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      long n = NUMBERS.incrementAndGet();
      String number = String.format("+86138%08d", n);
      int slot = i;
      donor.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number).setSubscriber(ALICE)
          .build()).whenComplete((issued, failure) -> {
            if (failure == null) {
              coded[slot] = new Coded(number, issued.getCode());
            } else {
              failed.increment();
            }
            inFlight.release();
          });
    }
    inFlight.acquire(CLOSED_IN_FLIGHT);
    if (failed.sum() > 0) {
      throw new IllegalStateException(failed.sum() + " of " + count + " codes were not issued");
    }
    System.out.printf("  (%,d codes issued by the donor in %.1f s beforehand)%n", count,
        (System.nanoTime() - t0) / 1e9);
    return List.of(coded);
  }

  private static PortRequest request(Coded coded) {
    String key = "lat-" + coded.number().substring(1);
    return PortRequest.newBuilder().setIdempotencyKey(key).setMsisdn(coded.number()).setOrderId("o-" + key)
        .setChannel("bench").setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(coded.code()).build();
  }

  /**
   * Port requests with {@value #CLOSED_IN_FLIGHT} in flight until the codes or {@code seconds} run out; the rate
   * of opened ports over the time until the last answer. Printed under {@code label} unless null.
   */
  private static double closedLoop(List<CarrierClient> recipients, List<Coded> codes, int seconds, String label)
      throws Exception {
    Semaphore inFlight = new Semaphore(CLOSED_IN_FLIGHT);
    Outcomes outcomes = new Outcomes();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    int sent = 0;
    for (Coded coded : codes) {
      inFlight.acquire();
      if (System.nanoTime() >= end) {
        inFlight.release();
        break;
      }
      long t0 = System.nanoTime();
      recipients.get(sent % recipients.size()).requestPort(request(coded)).whenComplete((ack, failure) -> {
        outcomes.record(ack, failure, System.nanoTime() - t0);
        inFlight.release();
      });
      sent++;
    }
    inFlight.acquire(CLOSED_IN_FLIGHT);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double rate = outcomes.opened.sum() / elapsed;
    if (label != null) {
      Histogram latency = outcomes.latency.getIntervalHistogram();
      System.out.printf("%s: %.1f ports opened/s (%,d opened, %d rejected, %s in %.2f s%s); latency ms "
          + "p50 %.1f p99 %.1f max %.1f (n=%d)%n", label, rate, outcomes.opened.sum(), outcomes.rejected.sum(),
          outcomes.failures(), elapsed, sent == codes.size() ? ", codes ran out" : "",
          ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()),
          latency.getTotalCount());
    }
    if (outcomes.opened.sum() == 0) {
      throw new IllegalStateException("no port opened: " + outcomes.failures() + ", " + outcomes.rejected.sum()
          + " rejected");
    }
    return rate;
  }

  /**
   * One request every {@code 1/rate} s on a fixed timetable, whatever the answers do; latency from each
   * request's scheduled time to its acknowledgement. Returns the p99 in ms.
   */
  private static double openLoop(List<CarrierClient> recipients, List<Coded> codes, double rate, double fraction)
      throws Exception {
    Outcomes outcomes = new Outcomes();
    CountDownLatch answered = new CountDownLatch(codes.size());
    AtomicLong lastAnswer = new AtomicLong();
    long senderLag = 0;
    double interval = 1e9 / rate;
    LookupBenchmark.Cpu cpu0 = LookupBenchmark.Cpu.take();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (int i = 0; i < codes.size(); i++) {
      long due = start + (long) (i * interval);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      senderLag = Math.max(senderLag, System.nanoTime() - due);
      CompletableFuture<PortRequestAck> ack;
      try {
        ack = recipients.get(i % recipients.size()).requestPort(request(codes.get(i)));
      } catch (RuntimeException e) {
        ack = CompletableFuture.failedFuture(e);
      }
      ack.whenComplete((answer, failure) -> {
        long now = System.nanoTime();
        outcomes.record(answer, failure, now - due);
        lastAnswer.accumulateAndGet(now, Math::max);
        answered.countDown();
      });
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;
    boolean all = answered.await(90, TimeUnit.SECONDS);
    double elapsed = (lastAnswer.get() - start) / 1e9;
    LookupBenchmark.Cpu cpu1 = LookupBenchmark.Cpu.take();
    Histogram latency = outcomes.latency.getIntervalHistogram();
    System.out.printf("%2.0f%% of the maximum, %.1f/s offered: %,d requests sent over %.1f s (sender at most %.2f "
        + "ms behind its timetable), last answer after %.1f s; %,d opened, %d rejected, %s%s%n", fraction * 100,
        rate, codes.size(), sendSeconds, ms(senderLag), elapsed, outcomes.opened.sum(), outcomes.rejected.sum(),
        outcomes.failures(), all ? "" : "; SOME NEVER ANSWERED");
    System.out.printf("    latency from scheduled send, ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  "
        + "mean %.1f  (n=%d)%n", ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
        ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()),
        latency.getMean() / 1e6, latency.getTotalCount());
    System.out.println("    " + cpu1.since(cpu0));
    return ms(latency.getValueAtPercentile(99));
  }

  /** What the answers were: opened, rejected by the clearinghouse, or failed by exception class. */
  private static final class Outcomes {
    final LongAdder opened = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final Map<String, LongAdder> failed = new TreeMap<>();
    final Recorder latency = new Recorder(TimeUnit.MINUTES.toNanos(2), 3);

    void record(PortRequestAck ack, Throwable failure, long nanos) {
      if (failure != null) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        synchronized (failed) {
          failed.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }
        return;
      }
      latency.recordValue(Math.min(nanos, TimeUnit.MINUTES.toNanos(2)));
      if (ack.hasOpened()) {
        opened.increment();
      } else {
        rejected.increment();
      }
    }

    String failures() {
      synchronized (failed) {
        if (failed.isEmpty()) {
          return "0 failed";
        }
        StringBuilder text = new StringBuilder();
        failed.forEach((kind, n) -> text.append(n.sum()).append(' ').append(kind).append(", "));
        return "failed: " + text.substring(0, text.length() - 2);
      }
    }
  }

  /**
   * Conditional writes per second with {@value #LWT_IN_FLIGHT} in flight on a table of the benchmark's keyspace,
   * as npc-core's LifecycleBenchmark measures them (its method is private): inserts {@code IF NOT EXISTS} of new
   * keys, or updates {@code IF v = 0} of the keys the inserts wrote.
   */
  private static String lwtRate(CqlSession session, boolean inserts, int seconds, long firstKey) {
    try {
      return String.format("%.0f/s", lwtRateOrFail(session, inserts, seconds, firstKey));
    } catch (Exception e) {
      return "not measured (" + e + ")";
    }
  }

  private static double lwtRateOrFail(CqlSession session, boolean inserts, int seconds, long firstKey)
      throws Exception {
    session.execute("CREATE TABLE IF NOT EXISTS bench_lwt (k bigint PRIMARY KEY, v int)");
    PreparedStatement insert = session.prepare("INSERT INTO bench_lwt (k, v) VALUES (?, 0) IF NOT EXISTS");
    PreparedStatement update = session.prepare("UPDATE bench_lwt SET v = 1 WHERE k = ? IF v = 0");
    Semaphore inFlight = new Semaphore(LWT_IN_FLIGHT);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<Throwable> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long k = firstKey;
    while (System.nanoTime() < end) {
      inFlight.acquire();
      session.executeAsync(inserts ? insert.bind(k) : update.bind(k)).whenComplete((rs, error) -> {
        if (error == null) {
          done.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstError.compareAndSet(null, error);
        }
        inFlight.release();
      });
      k++;
    }
    inFlight.acquire(LWT_IN_FLIGHT);
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " conditional writes failed, " + done.get() + " done; first: "
          + firstError.get());
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
