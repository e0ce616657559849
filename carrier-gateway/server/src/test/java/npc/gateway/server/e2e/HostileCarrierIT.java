package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.GatewayServer;
import npc.gateway.server.GatewaySettings;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hostile carrier against an honest one, on one instance with the default settings. CT, the hostile carrier,
 * opens several connections and floods every kind of request (eligibility queries at its rival CM's numbers, port
 * requests with wrong codes, codes for numbers it does not serve, lookups, cancels of ports that do not exist),
 * loops on routing subscribes past the head, stops reading on one connection and reconnects in a loop on another.
 * CT runs in a JVM of its own ({@link HostileFlood}) and sends requests it encoded before the attack: a real attacker
 * sends from its own machine, and when it ran in this JVM, building and encrypting a flood that the server mostly never
 * read (the server stops reading a carrier beyond its rate) took a third of this JVM's processor time and its
 * collector's pauses, which the measure then charged to the server. It runs at the lowest scheduling priority on this
 * machine's processors, which stands in for its own machine: at equal priority its encryption and handshakes take
 * what the node and the server need (carrier-gateway/BENCHMARKS.md).
 * CU, the honest recipient, ports CM's numbers one after another, before the attack and during it; CM, the honest
 * donor, is told of each port. The honest carrier's port request latency (request to acknowledgement) and the
 * donor's notice delivery time (acknowledgement to PortNotice) are measured without the attack, before it and again
 * after it, and under it, and printed; the test asserts that every port is answered and told of under attack, and
 * (see {@link #STRICT}) that the p99 of each under attack is at most twice that of the quiet phases together, plus
 * {@link #ALLOWANCE} for the noise of a small shared machine. The quiet reference brackets the attack, so that a
 * spell of the machine's that happens to be fast, or slow, before the attack does not set the bound alone. CT's
 * eligibility queries fill CM's outbox, up to the bound of queries pending toward one donor; CM's port notices go
 * before them. Netty's leak detector runs at its default level here (the other tests run it at its strictest, which
 * records a stack trace at every touch of every buffer): the figures are those of the server as it is deployed.
 */
class HostileCarrierIT {
  private static final Logger LOG = LoggerFactory.getLogger(HostileCarrierIT.class);
  /**
   * Added to twice the quiet p99: two shared processors run Cassandra, the server and three carriers, and a p99 of
   * 300 samples is the third slowest; one scheduling delay or collector pause more in that phase.
   */
  private static final Duration ALLOWANCE = Duration.ofMillis(10);
  /** How long a phase waits, after its last port, for CM to be told of every port. */
  private static final Duration NOTICE_WAIT = Duration.ofSeconds(10);
  /**
   * Whether the latency target is asserted: by default. {@code -Dnpc.hostile.strict=false} only prints the figures
   * and logs a miss, for a machine too busy with other work to measure on.
   */
  private static final boolean STRICT = !"false".equals(System.getProperty("npc.hostile.strict"));
  /**
   * Enough for a p99 that is not one or two slow ports: with 100 a phase the quiet p99 was the second slowest port,
   * and ranged from 17 to 61 ms in six builds on one machine, so that one fast quiet phase made the bound fail an
   * attack no worse than others that passed.
   */
  private static final int PORTS_PER_PHASE = 300;
  /** With the reconnect loop, as many sessions as the server lets one carrier hold (4 by default). */
  private static final int FLOODING_CONNECTIONS = 3;
  private static final AtomicLong NUMBERS = new AtomicLong();

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance instance;
  private static ScheduledExecutorService samplers;
  private static final Map<String, Long> noticeArrivals = new ConcurrentHashMap<>();
  private static CarrierClient cm;
  private static CarrierClient cu;
  private static ResourceLeakDetector.Level leakLevel;

  @BeforeAll
  static void start() {
    leakLevel = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    harness = new GatewayHarness("gateway_hostile", dir);
    instance = harness.startInstance();
    samplers = Executors.newSingleThreadScheduledExecutor();
    cm = harness.connect("CM", instance, new CarrierListener() {
      @Override
      public void onPortNotice(PortNotice notice) {
        noticeArrivals.putIfAbsent(notice.getPortId(), System.nanoTime());
      }
    });
    cu = harness.connect("CU", instance, new Inbox());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    samplers.shutdownNow();
    ResourceLeakDetector.setLevel(leakLevel);
  }

  @Test
  void theHonestCarriersLatencyUnderAHostileCarriersAttackStaysWithinTwiceItsQuietLatency() throws Exception {
    // Warm-up, as long as a phase: on a colder JIT the quiet phase is slower, which flatters the ratio (run alone,
    // five ports of warm-up left the quiet p99s about twice what they are inside the whole build).
    honestPhase(PORTS_PER_PHASE);
    Phase quiet = honestPhase(PORTS_PER_PHASE / 2);

    Peaks peaks = new Peaks();
    ScheduledFuture<?> sampling = samplers.scheduleAtFixedRate(() -> peaks.add(instance.gateway().usage()), 0,
        20, TimeUnit.MILLISECONDS);
    Map<String, Long> answeredBefore = answeredByOutcome();
    Attack attack = new Attack();
    Phase attacked;
    String sent;
    try {
      Thread.sleep(2_000); // the flood builds up
      attacked = honestPhase(PORTS_PER_PHASE);
    } finally {
      sent = attack.stop();
      sampling.cancel(false);
    }
    Map<String, Long> answered = answeredByOutcome();
    Thread.sleep(2_000); // what the flood left queued drains, as long as the flood took to build up
    quiet.add(honestPhase(PORTS_PER_PHASE / 2));
    answeredBefore.forEach((outcome, count) -> answered.merge(outcome, -count, Long::sum));
    LOG.info("Hostile CT on {} connections and a reconnect loop: {}; the server answered meanwhile (all carriers, by "
        + "outcome): {}", FLOODING_CONNECTIONS + 1, sent, answered);
    quiet.print("without attack, before and after it");
    attacked.print("with attack");

    // A flood, not a trickle: far more sent than the server answered, and its quota reached.
    long answeredInAll = answered.values().stream().mapToLong(Long::longValue).sum();
    assertThat(Long.parseLong(sent.split(" ")[1])).as("CT's requests sent, against all the server answered meanwhile")
        .isGreaterThan(10 * answeredInAll);
    assertThat(answered.getOrDefault("BUSY", 0L)).as("requests refused BUSY under attack").isPositive();
    within(quiet.acks, attacked.acks, "CU's port request p99");
    within(quiet.notices, attacked.notices, "CM's notice delivery p99");
    assertThat(attacked.acks.getTotalCount()).as("every request of CU answered").isEqualTo(PORTS_PER_PHASE);
    assertThat(attacked.untold).as("ports CM was not told of within " + NOTICE_WAIT.toSeconds() + " s").isZero();
    assertThat(harness.eventLoops.violations()).as("store calls on an event loop").isEmpty();
    peaks.assertWithinTheBoundsOfServerMd();
  }

  /** The requests the instance answered so far, all carriers and types together, by outcome. */
  private static Map<String, Long> answeredByOutcome() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    instance.gateway().counters().requests().nonZero()
        .forEach(count -> counts.merge(count.outcome(), count.count(), Long::sum));
    return counts;
  }

  /** The p99 under attack against twice the p99 without it, plus {@link #ALLOWANCE}: asserted if {@link #STRICT}. */
  private static void within(Histogram quiet, Histogram attacked, String what) {
    long bound = 2 * quiet.getValueAtPercentile(99) + ALLOWANCE.toNanos();
    long p99 = attacked.getValueAtPercentile(99);
    if (STRICT) {
      assertThat(p99).as(what + " under attack (ns), bound " + millis(bound) + " ms").isLessThanOrEqualTo(bound);
    } else if (p99 > bound) {
      LOG.warn("{} under attack, {} ms, misses the target of {} ms (twice the quiet p99 plus {} ms); "
          + "not asserted (-Dnpc.hostile.strict=false)", what, millis(p99), millis(bound), ALLOWANCE.toMillis());
    }
  }

  /**
   * The most the instance held for its peers at any sample of the attack, against the bounds that server.md states
   * (Memory bounds): a connection's unsent output at most the limit plus the one frame that passed it (then it is
   * closed), the requests waiting at most the worker pool's queue, a carrier's notices unacknowledged at most
   * 10,000.
   */
  private static final class Peaks {
    private static final GatewaySettings SETTINGS = GatewaySettings.defaults("127.0.0.1", 0);
    int samples;
    int connections;
    long unsentBytes;
    long largestUnsentBytes;
    int requestsWaiting;
    int noticesUnacknowledged;

    synchronized void add(GatewayServer.Usage usage) {
      samples++;
      connections = Math.max(connections, usage.connections());
      unsentBytes = Math.max(unsentBytes, usage.unsentBytes());
      largestUnsentBytes = Math.max(largestUnsentBytes, usage.largestUnsentBytes());
      requestsWaiting = Math.max(requestsWaiting, usage.requestsWaiting());
      noticesUnacknowledged = Math.max(noticesUnacknowledged, usage.largestNoticesUnacknowledged());
    }

    synchronized void assertWithinTheBoundsOfServerMd() {
      long perConnection = SETTINGS.maxPendingBytes() + SETTINGS.maxFrameBytes();
      LOG.info("Held under attack, the peaks of {} samples: {} connections, unsent output {} bytes in all and {} on "
          + "one connection (bound {}), {} requests waiting (bound {}), {} notices unacknowledged by one carrier "
          + "(bound {})", samples, connections, unsentBytes, largestUnsentBytes, perConnection, requestsWaiting,
          SETTINGS.workerThreads() * 256, noticesUnacknowledged, 10_000);
      assertThat(samples).as("samples of the instance's usage").isGreaterThan(10);
      assertThat(largestUnsentBytes).as("one connection's unsent output").isLessThanOrEqualTo(perConnection);
      assertThat(unsentBytes).as("all connections' unsent output").isLessThanOrEqualTo(connections * perConnection);
      assertThat(requestsWaiting).as("requests waiting").isLessThanOrEqualTo(SETTINGS.workerThreads() * 256);
      assertThat(noticesUnacknowledged).as("one carrier's notices unacknowledged").isLessThanOrEqualTo(10_000);
    }
  }

  /** CU ports {@code ports} of CM's numbers one after another; CM is told of each. */
  private static Phase honestPhase(int ports) throws Exception {
    Phase phase = new Phase();
    Map<String, Long> acked = new ConcurrentHashMap<>();
    for (int i = 0; i < ports; i++) {
      String number = cmNumber();
      String code = GatewayHarness.join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
          .setMsisdn(number).setSubscriber(GatewayIT.ALICE).build())).getCode();
      String key = "honest-" + number.substring(1);
      long sent = System.nanoTime();
      PortRequestAck ack = GatewayHarness.join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey(key)
          .setMsisdn(number).setOrderId("order-" + key).setChannel("outlet:BJ-0001")
          .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(GatewayIT.ALICE)
          .setAuthorisationCode(code).build()));
      long answered = System.nanoTime();
      phase.acks.recordValue(answered - sent);
      acked.put(ack.getPortId(), answered);
    }
    long until = System.nanoTime() + NOTICE_WAIT.toNanos();
    while (!noticeArrivals.keySet().containsAll(acked.keySet()) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    acked.forEach((port, at) -> {
      Long arrived = noticeArrivals.get(port);
      if (arrived == null) {
        phase.untold++;
      } else {
        phase.notices.recordValue(Math.max(0, arrived - at));
      }
    });
    return phase;
  }

  /** One phase's figures: CU's port request latency, and CM's notice delivery time after the acknowledgement. */
  private static final class Phase {
    final Histogram acks = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    final Histogram notices = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    /** Ports CM was not told of within {@link #NOTICE_WAIT} after the phase's last acknowledgement. */
    int untold;

    void add(Phase other) {
      acks.add(other.acks);
      notices.add(other.notices);
      untold += other.untold;
    }

    void print(String name) {
      LOG.info("Honest figures {}: port request -> ack p50 {} ms, p99 {} ms, max {} ms, count {}; "
          + "ack -> donor's PortNotice p50 {} ms, p99 {} ms, max {} ms, count {}, not told within {} s: {}", name,
          millis(acks.getValueAtPercentile(50)), millis(acks.getValueAtPercentile(99)), millis(acks.getMaxValue()),
          acks.getTotalCount(), millis(notices.getValueAtPercentile(50)), millis(notices.getValueAtPercentile(99)),
          millis(notices.getMaxValue()), notices.getTotalCount(), NOTICE_WAIT.toSeconds(), untold);
    }
  }

  /**
   * CT's attack: {@link HostileFlood} in a JVM of its own at the lowest scheduling priority (a real attacker's
   * sending costs its own machine, not the server's), stopped by closing its standard input.
   */
  private static final class Attack {
    private final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> sent = new CompletableFuture<>();

    Attack() throws Exception {
      List<String> command = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice"))) {
        command.addAll(List.of("nice", "-n", "19"));
      } else {
        LOG.warn("No nice(1) here: CT's flood runs at the server's priority and takes processors from it");
      }
      InetSocketAddress gateway = instance.gateway().address();
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
          "-cp", System.getProperty("java.class.path"), HostileFlood.class.getName(), gateway.getHostString(),
          Integer.toString(gateway.getPort()), harness.pki.carrierCertificate("CT").toString(),
          harness.pki.carrierKey("CT").toString(), harness.pki.caCertificate().toString(),
          Integer.toString(FLOODING_CONNECTIONS)));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread reader = new Thread(this::readOutput, "hostile-output");
      reader.setDaemon(true);
      reader.start();
      try {
        ready.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw e;
      }
    }

    private void readOutput() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.equals("READY")) {
            ready.complete(null);
          } else if (line.startsWith("SENT ")) {
            sent.complete(line);
          }
        }
      } catch (IOException e) {
        LOG.debug("CT's output ended", e);
      }
      ready.completeExceptionally(new AssertionError("CT's flood ended before it was ready"));
      sent.completeExceptionally(new AssertionError("CT's flood ended without its figures"));
    }

    /** Stops the flood and returns what it says it sent. */
    String stop() throws Exception {
      try {
        process.getOutputStream().close();
        return sent.get(30, TimeUnit.SECONDS);
      } finally {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  /** A China Mobile number (block 139) not used before in this keyspace. */
  private static String cmNumber() {
    String suffix = Long.toString(NUMBERS.incrementAndGet());
    return "+86139" + "0".repeat(8 - suffix.length()) + suffix;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
