package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.event.DomainEvent;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.GatewayException;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Pong;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.server.GatewaySettings;
import npc.gateway.server.RawCarrier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carriers that do not play by the rules, on raw connections over real TLS: one that stops reading while it is
 * sent notifications, one that goes silent. Each is disconnected, the disconnection is published for the audit,
 * and the others go on meanwhile, their requests answered within a bounded time.
 */
class MisbehavingCarrierIT {
  private static final Logger LOG = LoggerFactory.getLogger(MisbehavingCarrierIT.class);
  /** How long the server lets a connection's output stay unwritable: the attack lasts at least this long. */
  private static final Duration UNWRITABLE_LIMIT = Duration.ofSeconds(8);
  /** Generous for 2 shared processors and one Cassandra node, and well under the attack's length. */
  private static final Duration LATENCY_BOUND = Duration.ofSeconds(3);
  private static final AtomicLong NUMBERS = new AtomicLong();

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance strict;
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_misbehaving", dir);
    // Small buffers, the kernel's included, and short limits, so that a carrier's misconduct shows within seconds.
    strict = harness.startInstance(settings -> new GatewaySettings(settings.host(), settings.port(),
        settings.maxFrameBytes(), settings.maxInFlight(), Duration.ofMillis(500), settings.helloTimeout(),
        settings.workerThreads(), 8 * 1024, 32 * 1024, UNWRITABLE_LIMIT, 256 * 1024, settings.push(), 8 * 1024));
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aDonorThatStopsReadingItsNotificationsIsDisconnectedWhileTheRecipientsRequestsAreAnsweredInBoundedTime()
      throws Exception {
    RawCarrier donor = connect("CM", 4 * 1024);
    donor.channel().config().setAutoRead(false); // from now on CM reads nothing, though it still sends
    ScheduledFuture<?> keepAlive = donor.channel().eventLoop().scheduleAtFixedRate(() -> donor.channel()
        .writeAndFlush(envelope("alive").setPong(Pong.getDefaultInstance()).build()), 0, 200, TimeUnit.MILLISECONDS);
    // Once the server gives up on CM, CM reads again at once: the server's last frame waits a second for it.
    CompletableFuture<Long> disconnection = new CompletableFuture<>();
    ScheduledFuture<?> watch = donor.channel().eventLoop().scheduleAtFixedRate(() -> {
      if (!disconnection.isDone() && disconnected("CM")) {
        disconnection.complete(System.nanoTime());
        keepAlive.cancel(false);
        donor.channel().config().setAutoRead(true);
      }
    }, 10, 10, TimeUnit.MILLISECONDS);
    CarrierClient recipient = harness.connect("CU", strict, new Inbox());

    // CU asks about CM's numbers: each query is a notification pushed to CM, which never reads it.
    Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    Semaphore inFlight = new Semaphore(16);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && (!disconnection.isDone() || System.nanoTime() < disconnection.getNow(0L)
        + TimeUnit.SECONDS.toNanos(2))) {
      inFlight.acquire();
      long sent = System.nanoTime();
      CompletableFuture<?> query = recipient.queryEligibility(GatewayIT.eligibilityQuery(cmNumber()));
      query.whenComplete((accepted, failure) -> {
        samples.add(new Sample(sent, System.nanoTime() - sent, failure));
        inFlight.release();
      });
    }
    inFlight.acquire(16);
    watch.cancel(false);
    keepAlive.cancel(false);

    assertThat(disconnection).as("CM disconnected as a slow consumer within 60 s").isDone();
    assertThat(donor.channel().closeFuture().await(10, TimeUnit.SECONDS)).as("closed by the server").isTrue();
    List<Envelope> received = new ArrayList<>(donor.received());
    assertThat(received).as("CM was being sent notifications").anyMatch(Envelope::hasEligibilityQueryNotice);
    Envelope last = received.get(received.size() - 1);
    assertThat(last.getHeader().getCorrelationId()).isEqualTo("s:connection");
    assertThat(last.getError().getCode()).isEqualTo(ErrorCode.SLOW_CONSUMER);
    assertThat(last.getError().getStatus()).isEqualTo(503);
    assertThat(last.getError().getClosing()).isTrue();

    long attackEnded = disconnection.join();
    List<Sample> during = samples.stream().filter(s -> s.sent() < attackEnded).toList();
    List<Sample> after = samples.stream().filter(s -> s.sent() > attackEnded).toList();
    // Answered: accepted, or refused BUSY once CU has the bound of queries pending toward CM (PendingQueries).
    assertThat(samples).as("every request of CU answered").allSatisfy(s -> {
      if (s.failure() != null) {
        assertThat(rootCause(s.failure())).isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
      }
    });
    assertThat(nanos(during.stream().mapToLong(Sample::sent).max().orElse(start) - start))
        .as("CU's requests span the attack").isGreaterThan(UNWRITABLE_LIMIT);
    assertThat(after).as("CU's requests after the disconnection").isNotEmpty();
    Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    samples.forEach(s -> latencies.recordValue(s.latency()));
    LOG.info("CU's eligibility queries during the attack: {} (and {} after); latency p50 {} ms, p99 {} ms, max {} ms",
        during.size(), after.size(), millis(latencies.getValueAtPercentile(50)),
        millis(latencies.getValueAtPercentile(99)), millis(latencies.getMaxValue()));
    assertThat(nanos(latencies.getMaxValue())).as("the slowest of CU's requests").isLessThan(LATENCY_BOUND);
  }

  @Test
  void aCarrierSilentPastThreePingIntervalsIsDisconnected() throws Exception {
    RawCarrier raw = connect("CBN", 0); // sends Hello, then nothing: no ping
    assertThat(raw.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(harness.audit.of(DomainEvent.CarrierDisconnected.class))
        .anyMatch(e -> e.carrier().value().equals("CBN") && e.reason().equals("IDLE"));
  }

  @Test
  void aLoopOfSubscribesPastTheHeadStartsOneSnapshotAndTheRestAreRefused() throws Exception {
    RawCarrier looping = connect("CT", 0);
    int subscribes = 40;
    for (int i = 0; i < subscribes; i++) {
      looping.channel().write(envelope("sub-" + i).setRoutingSubscribe(RoutingSubscribe.newBuilder()
          .setResumeAfter(Long.MAX_VALUE)).build());
    }
    looping.channel().flush();

    List<Envelope> answers = new ArrayList<>();
    boolean overlapped = false;
    boolean inSnapshot = false;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (answers.size() < subscribes && System.nanoTime() < until) {
      Envelope received = looping.received().poll(100, TimeUnit.MILLISECONDS);
      if (received == null) {
        continue;
      }
      if (received.getHeader().getCorrelationId().startsWith("sub-")) {
        answers.add(received);
        if (received.hasRoutingUpdates()) {
          overlapped |= inSnapshot;
          inSnapshot = true;
        }
      } else if (received.hasRoutingSnapshot() && received.getRoutingSnapshot().getLast()) {
        inSnapshot = false;
      }
    }
    looping.channel().close();

    assertThat(answers).as("every subscribe answered").hasSize(subscribes);
    assertThat(overlapped).as("a snapshot started while the connection's last one was being sent").isFalse();
    assertThat(answers.stream().filter(Envelope::hasError)).as("subscribes refused")
        .hasSizeGreaterThan(subscribes / 2)
        .allSatisfy(e -> assertThat(e.getError().getCode()).isIn(ErrorCode.BUSY, ErrorCode.INVALID_REQUEST));
  }

  @Test
  void aCarrierThatReconnectsInALoopNeverMakesTheEventLoopReadTheDatabase() throws Exception {
    for (int i = 0; i < 10; i++) {
      RawCarrier again = connect("CBN", 0); // each session opens the carrier's notice feed
      again.channel().writeAndFlush(envelope("s-" + i).setRoutingSubscribe(RoutingSubscribe.newBuilder()).build());
      again.channel().close().sync();
    }
    Thread.sleep(500); // the pushers of the last sessions ran

    assertThat(harness.eventLoops.violations()).as("store calls on an event loop").isEmpty();
  }

  private static Throwable rootCause(Throwable failure) {
    return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
  }

  /** One request of the honest carrier: when it was sent, how long its answer took, and its failure if any. */
  private record Sample(long sent, long latency, Throwable failure) {}

  private static boolean disconnected(String carrier) {
    return harness.audit.of(DomainEvent.CarrierDisconnected.class).stream()
        .anyMatch(e -> e.carrier().value().equals(carrier) && e.reason().equals("SLOW_CONSUMER"));
  }

  /** A China Mobile number (block 139) not asked about before. */
  private static String cmNumber() {
    return String.format("+86139%08d", NUMBERS.incrementAndGet());
  }

  private static Duration nanos(long nanos) {
    return Duration.ofNanos(nanos);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** A TLS connection with the carrier's certificate that has sent Hello and received Welcome. */
  private static RawCarrier connect(String carrier, int receiveBufferBytes) throws Exception {
    RawCarrier raw = RawCarrier.connect(group, strict.gateway().address(), harness.pki.carrierCertificate(carrier),
        harness.pki.carrierKey(carrier), harness.pki.caCertificate(), receiveBufferBytes);
    raw.channel().writeAndFlush(envelope("hello").setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("misbehaving")).build());
    Envelope welcome = raw.received().poll(10, TimeUnit.SECONDS);
    assertThat(welcome).isNotNull();
    assertThat(welcome.getWelcome().getCarrierId()).isEqualTo(carrier);
    return raw;
  }

  private static Envelope.Builder envelope(String id) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id));
  }
}
