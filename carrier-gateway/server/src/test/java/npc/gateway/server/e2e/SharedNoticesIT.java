package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.CarrierListener;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.GatewaySettings;
import npc.gateway.server.RawCarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A carrier's connections to an instance share one feed of its outbox: each notice is pushed on one of them, not
 * on every one, and a notice pushed on a connection that closes before it was acknowledged is pushed on another at
 * once. So a carrier that opens more connections costs the pushers no more reads.
 */
class SharedNoticesIT {
  private static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance instance;
  private static EventLoopGroup loops;
  private static CarrierClient cu;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_shared_notices", dir);
    instance = harness.startInstance();
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    cu = harness.connect("CU", instance, new Inbox());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aNoticeIsPushedOnOneOfTheCarriersConnectionsAndOnAnotherAtOnceWhenThatOneClosesUnacknowledged()
      throws Exception {
    RawCarrier first = session("CM");
    RawCarrier second = session("CM");
    String number = "+8613900000001";
    first.channel().writeAndFlush(frame("code").setCodeRequest(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(number).setSubscriber(ALICE)).build());
    String code = next(first, "code").getCodeIssued().getCode();

    String portId = GatewayHarness.join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey("shared-1")
        .setMsisdn(number).setOrderId("order-1").setChannel("app")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build())).getPortId();

    Envelope told = portNotice(List.of(first, second), portId, 10);
    RawCarrier toldOn = first.received().remove(told) ? first : second;
    RawCarrier other = toldOn == first ? second : first;
    assertThat(portNotice(List.of(other), portId, 2)).as("the notice pushed on the other connection too").isNull();

    toldOn.channel().close().sync(); // without acknowledging it
    Envelope again = portNotice(List.of(other), portId, 10);
    assertThat(again).as("pushed again on the open connection within seconds, not a minute later").isNotNull();
    assertThat(again.getHeader().getCorrelationId()).isEqualTo(told.getHeader().getCorrelationId());
    other.channel().close().sync();
  }

  @Test
  void aDonorConnectedButToldOfAPortLateThroughTheClearinghousesDelayHasItsDeadlineMovedOnByTheDelay()
      throws Exception {
    // Small buffers, the kernel's included, so that a donor that stops reading makes its connection unwritable.
    GatewayHarness.Instance tight = harness.startInstance(settings -> new GatewaySettings(settings.host(),
        settings.port(), settings.maxFrameBytes(), settings.maxInFlight(), settings.pingInterval(),
        settings.helloTimeout(), settings.workerThreads(), 8 * 1024, 32 * 1024, Duration.ofSeconds(60),
        settings.maxPendingBytes(), settings.push(), 8 * 1024));
    RawCarrier donor = RawCarrier.connect(loops, tight.gateway().address(), harness.pki.carrierCertificate("CT"),
        harness.pki.carrierKey("CT"), harness.pki.caCertificate(), 4 * 1024);
    donor.channel().writeAndFlush(frame("hello").setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("shared-notices-it")).build());
    next(donor, "hello");
    String number = "+8613300000001"; // China Telecom's block 133
    donor.channel().writeAndFlush(frame("code").setCodeRequest(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(number).setSubscriber(ALICE)).build());
    String code = next(donor, "code").getCodeIssued().getCode();

    // The donor stops reading and asks for lookups until the server cannot write to it, and goes on while the port
    // waits (keeping the unsent output above the high water mark, far below the slow-consumer bound): the
    // clearinghouse can tell it nothing, though it is connected.
    donor.channel().config().setAutoRead(false);
    RoutingLookupRequest.Builder lookup = RoutingLookupRequest.newBuilder();
    for (int i = 0; i < 1_000; i++) {
      lookup.addMsisdns(number);
    }
    Runnable unwritable = () -> {
      if (tight.gateway().usage().largestUnsentBytes() < 96 * 1024) {
        donor.channel().writeAndFlush(frame("lookup").setRoutingLookup(lookup).build());
      }
    };
    ScheduledFuture<?> flooding = loops.scheduleAtFixedRate(unwritable, 0, 5, TimeUnit.MILLISECONDS);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (tight.gateway().usage().largestUnsentBytes() < 64 * 1024 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    Thread.sleep(1_000); // the kernel's buffers full too
    assertThat(tight.gateway().usage().largestUnsentBytes()).as("the donor's output unsent").isGreaterThan(32 * 1024);

    String portId = GatewayHarness.join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey("late-1")
        .setMsisdn(number).setOrderId("order-late").setChannel("app")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build())).getPortId();
    Port opened = harness.service().port(new CarrierId("CT"), UUID.fromString(portId)).value();
    Duration unreadable = PortingService.DONOR_TOLD_LATE.plusSeconds(2);
    Thread.sleep(unreadable.toMillis());
    flooding.cancel(false);
    donor.channel().config().setAutoRead(true);

    assertThat(portNotice(List.of(donor), portId, 20)).as("the donor told once it reads again").isNotNull();
    Inbox.until("the donor's deadline moved on", () -> harness.service().port(new CarrierId("CT"),
        UUID.fromString(portId)).value().donorDeadline().isAfter(opened.donorDeadline()));
    Duration moved = Duration.between(opened.donorDeadline(),
        harness.service().port(new CarrierId("CT"), UUID.fromString(portId)).value().donorDeadline());
    assertThat(moved).as("moved on by the time the notice waited").isGreaterThanOrEqualTo(unreadable);
    donor.channel().close().sync();
  }

  @Test
  void aPortNoticeIsPushedBeforeTheQueryNoticesOfItsPageWhichAnotherCarrierCanCauseByTheHundred() throws Exception {
    // CBN, the donor, asks for its subscriber's code, then is away while CU sends eligibility queries at its numbers
    // and then the port: CBN's outbox holds the query notices, then the port's, all in one page.
    String number = "+8619200000001";
    CarrierClient away = harness.connect("CBN", instance, new Inbox());
    String code = GatewayHarness.join(away.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(number).setSubscriber(ALICE).build())).getCode();
    away.close();
    List<CompletableFuture<?>> queries = new ArrayList<>();
    for (int i = 2; i <= 61; i++) {
      queries.add(cu.queryEligibility(GatewayIT.eligibilityQuery(String.format("+86192%08d", i))));
    }
    queries.forEach(GatewayHarness::join);
    String portId = GatewayHarness.join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey("behind-queries")
        .setMsisdn(number).setOrderId("order-behind").setChannel("app")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build())).getPortId();

    List<String> told = new CopyOnWriteArrayList<>();
    harness.connect("CBN", instance, new CarrierListener() {
      @Override
      public void onPortNotice(PortNotice notice) {
        told.add("port " + notice.getPortId());
      }

      @Override
      public void onEligibilityQuery(EligibilityQueryNotice notice) {
        told.add("query");
      }
    });
    // A query that expired before CBN returned is not told to it (the demo regime gives a donor 5 s): wait until
    // the port and every query still pending are told, or nothing more comes for a second.
    Inbox.until("CBN told of the port", () -> told.contains("port " + portId));
    for (int size = -1; size != told.size(); ) {
      size = told.size();
      Thread.sleep(1_000);
    }
    assertThat(told).as("what CBN is told on its return").contains("query");
    assertThat(told.get(0)).as("the first notice CBN is told on its return").isEqualTo("port " + portId);
  }

  /** The first PortNotice of the port that one of the connections receives within the time; null if none. */
  private static Envelope portNotice(List<RawCarrier> connections, String portId, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (RawCarrier connection : connections) {
        for (Envelope frame : connection.received()) {
          if (frame.hasPortNotice() && frame.getPortNotice().getPortId().equals(portId)) {
            return frame;
          }
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  private static RawCarrier session(String carrier) throws Exception {
    RawCarrier raw = RawCarrier.connect(loops, instance.gateway().address(), harness.pki.carrierCertificate(carrier),
        harness.pki.carrierKey(carrier), harness.pki.caCertificate());
    raw.channel().writeAndFlush(frame("hello").setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("shared-notices-it")).build());
    assertThat(next(raw, "hello").getWelcome().getCarrierId()).isEqualTo(carrier);
    return raw;
  }

  private static Envelope next(RawCarrier raw, String correlationId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (Envelope frame : raw.received()) {
        if (frame.getHeader().getCorrelationId().equals(correlationId)) {
          raw.received().remove(frame);
          return frame;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no frame " + correlationId + " within 20 s");
  }

  private static Envelope.Builder frame(String correlationId) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId(correlationId));
  }
}
