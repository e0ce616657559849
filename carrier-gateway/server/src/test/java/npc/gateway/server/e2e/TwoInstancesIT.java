package npc.gateway.server.e2e;

import static npc.gateway.server.e2e.GatewayHarness.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;
import npc.core.notice.Notice;
import npc.core.port.PortState;
import npc.core.porting.Port;
import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.core.store.CassandraOutbox;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.Route;
import npc.gateway.client.RouteListener;
import npc.gateway.client.RoutingMirror;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.DeactivationConfirm;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.push.PushContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway instances on one keyspace with the carriers split between them: what one instance writes reaches
 * carriers connected to the other, through the outboxes and the shared routing log, and a write that no gateway
 * pushed (its instance stopped first) still reaches its carrier.
 */
class TwoInstancesIT {
  private static final npc.gateway.protocol.v1.SubscriberIdentity ALICE =
      npc.gateway.protocol.v1.SubscriberIdentity.newBuilder().setName("Zhang Wei").setIdNumber("110101199003071234")
          .build();
  private static final SubscriberIdentity LI_NA = new SubscriberIdentity("Li Na", "110101198805051234");
  private static final AtomicLong NUMBERS = new AtomicLong();

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance a;
  private static GatewayHarness.Instance b;
  private static final Inbox CM_INBOX = new Inbox();
  private static final Inbox CU_INBOX = new Inbox();
  private static CarrierClient cm;
  private static CarrierClient ct;
  private static CarrierClient cu;
  private static CarrierClient cbn;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_two", dir);
    a = harness.startInstance();
    b = harness.startInstance();
    cm = harness.connect("CM", a, CM_INBOX);
    ct = harness.connect("CT", a, new Inbox());
    cu = harness.connect("CU", b, CU_INBOX);
    cbn = harness.connect("CBN", b, new Inbox());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** A China Mobile number (block 1380) not used before in this keyspace. */
  private static String freshNumber() {
    String suffix = Long.toString(NUMBERS.incrementAndGet());
    return "+861380" + "0".repeat(7 - suffix.length()) + suffix;
  }

  @Test
  void aPortRequestedOnOneInstanceIsAnsweredThroughTheOtherAndRoutedEverywhere() {
    String number = completePort();
    for (CarrierClient client : List.of(cm, ct, cbn)) {
      assertThat(client.routingMirror().carrierOf(number)).isPresent();
    }
  }

  /**
   * Requested by CU on instance B, answered by CM on instance A, activated by instance A's deadline timer; every
   * carrier's mirror, on either instance, routes the number to CU. Returns the number.
   */
  private static String completePort() {
    String number = freshNumber();
    String code = join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number)
        .setSubscriber(ALICE).build())).getCode();
    PortRequestAck ack = join(cu.requestPort(PortRequest.newBuilder().setIdempotencyKey("two-" + number.substring(1))
        .setMsisdn(number).setOrderId("o-1").setChannel("app")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build()));
    String portId = ack.getPortId();

    CM_INBOX.portNotice(portId); // written on instance B, pushed by instance A
    join(cm.answerPort(DonorAnswer.newBuilder().setPortId(portId).setAccept(DonorAnswer.Accept.getDefaultInstance())
        .build()));
    CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_SCHEDULED);

    Port scheduled = b.service().port(new CarrierId("CU"), UUID.fromString(portId)).value();
    harness.clock.set(scheduled.activationAt().orElseThrow());
    // The instances share the deadlines by leases: rounds of both, a second apart as their timers', until the one
    // holding the activation's shard fires it.
    Inbox.until("a round of either instance activates the port", () -> {
      a.service().fireDueDeadlines();
      b.service().fireDueDeadlines();
      harness.clock.advance(java.time.Duration.ofSeconds(1));
      return b.service().port(new CarrierId("CU"), UUID.fromString(portId)).value().state()
          != npc.core.port.PortState.SCHEDULED;
    });
    for (CarrierClient client : List.of(cm, ct, cu, cbn)) {
      Inbox.until("every mirror on both instances routes " + number + " to CU",
          () -> client.routingMirror().carrierOf(number).filter(r -> r.carrier().equals("CU")).isPresent());
    }
    join(cm.confirmDeactivation(DeactivationConfirm.newBuilder().setPortId(portId).build()));

    // The facts were recorded on both instances, neither of which saw them all: the one that recorded the last
    // reads the port's facts at its next round (its timer's, in a deployment) and completes the port.
    Inbox.until("a round of either instance completes the port", () -> {
      a.service().fireDueDeadlines();
      b.service().fireDueDeadlines();
      return a.service().port(new CarrierId("CM"), UUID.fromString(portId)).value().state() == PortState.COMPLETED;
    });
    CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_COMPLETED);
    return number;
  }

  @Test
  void aWriteThatNoGatewayPushedReachesItsCarrierAndACarrierAwayGetsItOnReturn() throws InterruptedException {
    // An instance that writes and stops before any push: here, instance B's service, with no push from B (CM is
    // not connected to B), and CM away from A.
    PortingService headless = b.service();
    CarrierId cmId = new CarrierId("CM");
    String number = freshNumber();
    String code = headless.issueCode(cmId, number, LI_NA).value().code();
    int sessionsOnA = a.gateway().sessions();
    cm.close(); // the donor is away when the port opens
    Inbox.until("CM's session on instance A is gone", () -> a.gateway().sessions() == sessionsOnA - 1);
    Port opened = ((PortOutcome.Opened) headless.submit(new SubmitPort(new CarrierId("CT"),
        "away-" + number.substring(1), number, "o-2", "app", npc.core.porting.SubscriberType.INDIVIDUAL, LI_NA,
        code)).value()).port();

    // Instance A reads CM's outbox ten times a second: had a session of CM been open, the notice would have been
    // pushed and acknowledged by now.
    Thread.sleep(1_000);
    assertThat(waiting(cmId)).as("the notice waits in CM's outbox, pushed by no gateway").contains(opened.id());
    assertThat(CM_INBOX.ports).noneMatch(notice -> notice.getPortId().equals(opened.id().toString()));

    cm = harness.connect("CM", a, CM_INBOX); // back, on the instance that did not write the port
    assertThat(CM_INBOX.portNotice(opened.id().toString()).getRecipient()).isEqualTo("CT");
    Inbox.until("CM's acknowledgement of the notice is recorded", () -> !waiting(cmId).contains(opened.id()));
  }

  /** The subjects of the notices of the last hour that wait in a carrier's outbox, unacknowledged. */
  private static Set<UUID> waiting(CarrierId carrier) {
    return new CassandraOutbox(harness.database.session(), Clock.systemUTC())
        .read(carrier, Instant.now().minus(Duration.ofHours(1)), Optional.empty(), 10_000).stream()
        .map(Notice::subject).collect(Collectors.toSet());
  }

  @Test
  void aNewCarrierOnALargeLogStartsFromASnapshot() {
    String number = completePort();
    GatewayHarness.Instance small = harness.startInstance(settings -> settings.withPush(
        new PushContext.Settings(0, 100))); // any log is large: every carrier from position 0 gets a snapshot
    RoutingMirror mirror = new RoutingMirror();
    CompletableFuture<Long> snapshot = new CompletableFuture<>();
    mirror.addListener(new RouteListener() {
      @Override
      public void onRouteChanged(String msisdn, Optional<Route> route, long position) {}

      @Override
      public void onSnapshotLoaded(long position, int portedNumbers) {
        snapshot.complete(position);
      }
    }, Runnable::run);

    CarrierClient fresh = harness.connect("CT", small, new Inbox(), mirror);

    assertThat(join(snapshot)).isPositive();
    Inbox.until("the snapshot routes " + number + " to CU",
        () -> fresh.routingMirror().carrierOf(number).filter(r -> r.carrier().equals("CU")).isPresent());
  }
}
