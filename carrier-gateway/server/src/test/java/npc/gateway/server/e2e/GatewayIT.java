package npc.gateway.server.e2e;

import static npc.gateway.server.e2e.GatewayHarness.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import npc.core.porting.Port;
import npc.core.port.PortState;
import npc.core.store.CassandraRoutingCursors;
import npc.core.store.CassandraRoutingLog;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.GatewayException;
import npc.gateway.protocol.v1.ActivationKind;
import npc.gateway.protocol.v1.AuthorisationCodeIssued;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.DeactivationConfirm;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.DonorAnswerAck;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.EligibilityState;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.EvidenceField;
import npc.gateway.protocol.v1.EvidenceFormat;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.LookupResult;
import npc.gateway.protocol.v1.NumberReturnAck;
import npc.gateway.protocol.v1.NumberReturnRequest;
import npc.gateway.protocol.v1.Ping;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.Reason;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RejectionCode;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.protocol.v1.TimerKind;
import npc.gateway.server.RawCarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flow of the protocol end to end: carriers on the SDK, over loopback TLS, through one gateway instance, to
 * the real Cassandra node and back as responses and pushed notifications.
 */
class GatewayIT {
  /** The subscriber of the end-to-end tests of this package. */
  static final SubscriberIdentity ALICE = SubscriberIdentity.newBuilder().setName("Zhang Wei")
      .setIdNumber("110101199003071234").build();
  private static final AtomicLong NUMBERS = new AtomicLong();

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance instance;
  private static final Inbox CM_INBOX = new Inbox();
  private static final Inbox CU_INBOX = new Inbox();
  private static CarrierClient cm;
  private static CarrierClient cu;
  private static CarrierClient ct;
  private static CarrierClient cbn;
  private static EventLoopGroup rawGroup;
  private static final CarrierId CBN = new CarrierId("CBN");

  @BeforeAll
  static void start() {
    rawGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    harness = new GatewayHarness("gateway_flows", dir);
    instance = harness.startInstance();
    cm = harness.connect("CM", instance, CM_INBOX);
    cu = harness.connect("CU", instance, CU_INBOX);
    ct = harness.connect("CT", instance, new Inbox());
    cbn = harness.connect("CBN", instance, new Inbox());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    rawGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** A China Mobile number (block 139) not used before in this keyspace. */
  static String freshNumber() {
    String suffix = Long.toString(NUMBERS.incrementAndGet());
    return "+86139" + "0".repeat(8 - suffix.length()) + suffix;
  }

  @Test
  void aPortRunsFromRequestToCompletionAndEveryMirrorRoutesTheNumber() {
    String number = freshNumber();
    PortRequestAck ack = requestPort(cu, number, codeFor(number), "complete-" + number.substring(1));
    assertThat(ack.hasOpened()).isTrue();
    assertThat(ack.getOpened().getDonor()).isEqualTo("CM");
    String portId = ack.getPortId();

    assertThat(CM_INBOX.portNotice(portId).getMsisdn()).isEqualTo(number);
    DonorAnswerAck answered = join(cm.answerPort(DonorAnswer.newBuilder().setPortId(portId)
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build()));
    assertThat(answered.getPort().getState()).isEqualTo(npc.gateway.protocol.v1.PortState.PORT_STATE_SCHEDULED);
    CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_SCHEDULED);

    Port scheduled = harness.service().port(new CarrierId("CU"), uuid(portId)).value();
    harness.clock.set(scheduled.activationAt().orElseThrow());
    harness.service().fireDueDeadlines();
    CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_ACTIVATED);
    CM_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_ACTIVATED);
    for (CarrierClient client : List.of(cm, cu, ct, cbn)) {
      Inbox.until("every mirror routes " + number + " to CU", () -> client.routingMirror().carrierOf(number)
          .filter(route -> route.carrier().equals("CU")).isPresent());
    }

    PortStatusAck deactivated = join(cm.confirmDeactivation(DeactivationConfirm.newBuilder().setPortId(portId)
        .build()));
    assertThat(deactivated.getPort().getPortId()).isEqualTo(portId);
    CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_COMPLETED);
    CM_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_COMPLETED);
    Inbox.until("the routing acknowledgements are recorded", () -> harness.service()
        .port(new CarrierId("CU"), uuid(portId)).value().state() == PortState.COMPLETED);

    List<LookupResult> results = join(cu.lookUpRoutes(List.of(number, freshNumber(), "12345"))).getResultsList();
    assertThat(results).extracting(LookupResult::getCarrier).containsExactly("CU", "CM", "");
    assertThat(results).extracting(LookupResult::getPorted).containsExactly(true, false, false);
    assertThat(results).extracting(LookupResult::getValid).containsExactly(true, true, false);
    assertThat(results.get(0).getRoutingNumber()).isEqualTo("A1");
  }

  @Test
  void aClearinghouseRejectionIsTheSameAnswerForEveryResend() {
    String number = freshNumber();
    PortRequestAck first = requestPort(cu, number, "000000", "nocode-" + number.substring(1));
    PortRequestAck again = requestPort(cu, number, "000000", "nocode-" + number.substring(1));

    assertThat(first.hasRejected()).isTrue();
    assertThat(first.getRejected().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NO_CODE);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aReasonOffTheListAndAStrangersAnswerAreRefusedAndChangeNothing() {
    String number = freshNumber();
    String portId = requestPort(cu, number, codeFor(number), "reject-" + number.substring(1)).getPortId();
    CM_INBOX.portNotice(portId);

    GatewayException offList = refusal(() -> join(cm.answerPort(reject(portId, "CUSTOMER_RETENTION",
        Map.of()))));
    assertThat(offList.code()).isEqualTo(ErrorCode.REASON_NOT_ON_LIST);
    assertThat(offList.status()).isEqualTo(422);
    GatewayException stranger = refusal(() -> join(ct.answerPort(DonorAnswer.newBuilder().setPortId(portId)
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build())));
    assertThat(stranger.code()).as("a carrier no party to the port learns nothing of it")
        .isEqualTo(ErrorCode.UNKNOWN_PORT);
    GatewayException notAUuid = refusal(() -> join(cm.answerPort(DonorAnswer.newBuilder().setPortId("port-1")
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build())));
    assertThat(notAUuid.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(harness.service().port(new CarrierId("CM"), uuid(portId)).value().state())
        .isEqualTo(PortState.PENDING_DONOR);

    DonorAnswerAck rejected = join(cm.answerPort(reject(portId, "UNPAID_CHARGES",
        Map.of("amount_fen", "12800", "billing_period", "2026-10"))));
    assertThat(rejected.getPort().getState())
        .isEqualTo(npc.gateway.protocol.v1.PortState.PORT_STATE_REJECTED_BY_DONOR);
    assertThat(CU_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_REJECTED_BY_DONOR)
        .getPort().getRejection().getCode()).isEqualTo("UNPAID_CHARGES");
  }

  @Test
  void theRecipientCancelsAndTheDonorIsTold() {
    String number = freshNumber();
    String portId = requestPort(cu, number, codeFor(number), "cancel-" + number.substring(1)).getPortId();

    GatewayException notTheRecipient = refusal(() -> join(ct.cancelPort(CancelRequest.newBuilder()
        .setPortId(portId).build())));
    assertThat(notTheRecipient.code()).isEqualTo(ErrorCode.UNKNOWN_PORT);
    PortStatusAck cancelled = join(cu.cancelPort(CancelRequest.newBuilder().setPortId(portId).build()));

    assertThat(cancelled.getPort().getState()).isEqualTo(npc.gateway.protocol.v1.PortState.PORT_STATE_CANCELLED);
    CM_INBOX.status(portId, npc.gateway.protocol.v1.PortState.PORT_STATE_CANCELLED);
  }

  @Test
  void donorSilenceIsDeemedAcceptanceAndBothPartiesGetTheTimer() {
    String number = freshNumber();
    PortRequestAck ack = requestPort(cu, number, codeFor(number), "silent-" + number.substring(1));
    Instant deadline = Instant.ofEpochSecond(ack.getOpened().getDonorDeadline().getSeconds(),
        ack.getOpened().getDonorDeadline().getNanos());

    harness.clock.set(deadline);
    harness.service().fireDueDeadlines();

    for (Inbox inbox : List.of(CM_INBOX, CU_INBOX)) {
      assertThat(Inbox.await(inbox.timers, t -> t.getSubjectId().equals(ack.getPortId())).getKind())
          .isEqualTo(TimerKind.TIMER_KIND_DONOR_ANSWER_DEADLINE);
    }
    GatewayException late = refusal(() -> join(cm.answerPort(DonorAnswer.newBuilder().setPortId(ack.getPortId())
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build())));
    assertThat(late.code()).isEqualTo(ErrorCode.DEADLINE_PASSED);
  }

  @Test
  void anEligibilityQueryReachesTheDonorWithItsSubscriberAndTheAskerSeesOnlyShareableEvidence() {
    String number = freshNumber();
    EligibilityQueryAccepted accepted = join(cu.queryEligibility(number, SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL,
        ALICE));
    assertThat(accepted.getDonor()).isEqualTo("CM");
    EligibilityQueryNotice asked = Inbox.await(CM_INBOX.queries, q -> q.getQueryId().equals(accepted.getQueryId()));
    assertThat(asked.getSubscriber()).isEqualTo(ALICE);
    assertThat(asked.getSubscriberType()).isEqualTo(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL);
    assertThat(asked.getAskedBy()).isEqualTo("CU");

    join(cm.answerEligibility(EligibilityAnswer.newBuilder().setQueryId(accepted.getQueryId())
        .addReasons(Reason.newBuilder().setCode("ABNORMAL_STATUS").putEvidence("status", "SUSPENDED")
            .putEvidence("since", "2026-01-05"))
        .addWarnings("FAMILY_PLAN").build()));

    EligibilityResultNotice result = Inbox.await(CU_INBOX.results,
        r -> r.getQueryId().equals(accepted.getQueryId()));
    assertThat(result.getState()).isEqualTo(EligibilityState.ELIGIBILITY_STATE_ANSWERED);
    assertThat(result.getEligible()).isFalse();
    assertThat(result.getReasons(0).getCode()).isEqualTo("ABNORMAL_STATUS");
    assertThat(result.getReasons(0).getEvidenceMap()).as("the status is shareable, the date is the donor's")
        .isEqualTo(Map.of("status", "SUSPENDED"));
    assertThat(result.getWarningsList()).containsExactly("FAMILY_PLAN");
  }

  @Test
  void aQueryTheDonorLeavesUnansweredExpiresAsAResultForTheAskerAndATimerForBoth() {
    EligibilityQueryAccepted accepted = join(cu.queryEligibility(eligibilityQuery(freshNumber())));
    Inbox.await(CM_INBOX.queries, q -> q.getQueryId().equals(accepted.getQueryId()));
    harness.clock.set(Instant.ofEpochSecond(accepted.getDeadline().getSeconds(), accepted.getDeadline().getNanos()));
    harness.service().fireDueDeadlines();

    EligibilityResultNotice result = Inbox.await(CU_INBOX.results,
        r -> r.getQueryId().equals(accepted.getQueryId()));
    assertThat(result.getState()).isEqualTo(EligibilityState.ELIGIBILITY_STATE_EXPIRED);
    assertThat(result.getEligible()).isFalse();
    assertThat(result.getReasonsList()).isEmpty();
    for (Inbox inbox : List.of(CM_INBOX, CU_INBOX)) {
      assertThat(Inbox.await(inbox.timers, t -> t.getSubjectId().equals(accepted.getQueryId())).getKind())
          .isEqualTo(TimerKind.TIMER_KIND_ELIGIBILITY_EXPIRED);
    }
    assertThat(CM_INBOX.results).noneMatch(r -> r.getQueryId().equals(accepted.getQueryId()));
  }

  @Test
  void aQueryForTheAskersOwnNumberOrANumberOfANonParticipantsBlockIsRefused() {
    GatewayException own = refusal(() -> join(cm.queryEligibility(eligibilityQuery(freshNumber()))));
    assertThat(own.code()).isEqualTo(ErrorCode.RECIPIENT_ALREADY_SERVES);
    assertThat(own.status()).isEqualTo(409);
    GatewayException satellite = refusal(() -> join(cu.queryEligibility(eligibilityQuery("+8613490000001"))));
    assertThat(satellite.code()).isEqualTo(ErrorCode.NOT_ELIGIBLE);
    assertThat(satellite.status()).isEqualTo(409);
    assertThat(satellite.detail()).contains("not portable");
  }

  @Test
  void anEligibilityQueryWithoutItsSubscriberOrTheirTypeIsRefusedNamingTheField() throws Exception {
    RawCarrier raw = harness.raw("CU", instance, rawGroup);
    try {
      ErrorNotice noSubscriber = rawError(raw, eligibilityQuery(freshNumber()).toBuilder().clearSubscriber());
      assertThat(noSubscriber.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(noSubscriber.getStatus()).isEqualTo(400);
      assertThat(noSubscriber.getDetail()).startsWith("subscriber is required");
      ErrorNotice noType = rawError(raw, eligibilityQuery(freshNumber()).toBuilder().clearSubscriberType());
      assertThat(noType.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(noType.getDetail()).startsWith("subscriber_type ");
      ErrorNotice badIdentity = rawError(raw, eligibilityQuery(freshNumber()).toBuilder()
          .setSubscriber(ALICE.toBuilder().setIdNumber("1")));
      assertThat(badIdentity.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(badIdentity.getDetail()).startsWith("subscriber: ");
    } finally {
      raw.channel().close().sync();
    }
  }

  @Test
  void badNumbersAndOtherCarriersNumbersAreRefused() {
    assertThat(refusal(() -> join(cu.queryEligibility(eligibilityQuery("+8600000000000")))).code())
        .isEqualTo(ErrorCode.INVALID_NUMBER);
    assertThat(refusal(() -> join(cu.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(freshNumber()).setSubscriber(ALICE).build()))).code()).isEqualTo(ErrorCode.NOT_THE_SERVING_CARRIER);
    assertThat(refusal(() -> join(cu.returnNumber(NumberReturnRequest.newBuilder().setMsisdn(freshNumber())
        .build()))).code()).isEqualTo(ErrorCode.NOT_ALLOWED_IN_STATE);
    GatewayException noType = refusal(() -> join(cu.requestPort(PortRequest.newBuilder()
        .setIdempotencyKey("no-type").setMsisdn(freshNumber()).setOrderId("o").setChannel("app")
        .setSubscriber(ALICE).setAuthorisationCode("123456").build())));
    assertThat(noType.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(noType.status()).isEqualTo(400);
  }

  @Test
  void aReturnedNumberGoesBackToItsRangeHolderInEveryMirror() {
    String number = freshNumber();
    String portId = requestPort(cu, number, codeFor(number), "return-" + number.substring(1)).getPortId();
    join(cm.answerPort(DonorAnswer.newBuilder().setPortId(portId).setAccept(DonorAnswer.Accept.getDefaultInstance())
        .build()));
    Port scheduled = harness.service().port(new CarrierId("CU"), uuid(portId)).value();
    harness.clock.set(scheduled.activationAt().orElseThrow());
    harness.service().fireDueDeadlines();
    join(cm.confirmDeactivation(DeactivationConfirm.newBuilder().setPortId(portId).build()));
    Inbox.until("the port completes", () -> harness.service().port(new CarrierId("CU"),
        uuid(portId)).value().state().isTerminal());

    NumberReturnAck returned = join(cu.returnNumber(NumberReturnRequest.newBuilder().setMsisdn(number).build()));

    assertThat(returned.getPosition()).isPositive();
    for (CarrierClient client : List.of(cm, cu, ct, cbn)) {
      Inbox.until("every mirror forgets " + number, () -> client.routingMirror().position() >= returned.getPosition()
          && client.routingMirror().carrierOf(number).isEmpty());
    }
  }

  @Test
  void aCarrierLearnsTheRulesInForceAndTheyAreTheRulesTheClearinghouseApplies() {
    RegimeInfo regime = join(cu.regime());

    assertThat(regime.getRegimeId()).isEqualTo("demo").isEqualTo(cu.session().orElseThrow().regime());
    assertThat(regime.getZone()).isEqualTo("Asia/Shanghai");
    assertThat(regime.getCode().getLength()).isEqualTo(6);
    assertThat(regime.getActivation().getKind()).isEqualTo(ActivationKind.ACTIVATION_KIND_NEXT_BOUNDARY);
    assertThat(regime.getReasonsList()).filteredOn(reason -> reason.getCode().equals("UNPAID_CHARGES"))
        .singleElement().satisfies(reason -> assertThat(reason.getEvidenceList())
            .extracting(EvidenceField::getName, EvidenceField::getFormat)
            .containsExactly(tuple("amount_fen", EvidenceFormat.EVIDENCE_FORMAT_POSITIVE_AMOUNT),
                tuple("billing_period", EvidenceFormat.EVIDENCE_FORMAT_PAST_MONTH)));

    Instant asked = harness.clock.instant();
    EligibilityQueryAccepted query = join(cu.queryEligibility(freshNumber(), SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL,
        ALICE));
    assertThat(seconds(query.getDeadline()) - asked.getEpochSecond())
        .isEqualTo(regime.getEligibilityAnswerDeadline().getSeconds());
    String number = freshNumber();
    AuthorisationCodeIssued code = join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder()
        .setMsisdn(number).setSubscriber(ALICE).build()));
    assertThat(code.getCode()).hasSize(regime.getCode().getLength())
        .matches("[" + regime.getCode().getAlphabet() + "]+");
    assertThat(seconds(code.getExpiresAt()) - asked.getEpochSecond())
        .isEqualTo(regime.getCode().getLifetime().getSeconds());
    PortRequestAck port = requestPort(cu, number, code.getCode(), "regime-" + number.substring(1));
    assertThat(seconds(port.getOpened().getDonorDeadline()) - asked.getEpochSecond())
        .isEqualTo(regime.getDonorAnswerDeadline().getSeconds());
  }

  private static long seconds(com.google.protobuf.Timestamp timestamp) {
    return timestamp.getSeconds();
  }

  @Test
  void aRoutingAckOfAPositionThisConnectionWasNotSentIsRefusedAndNotRecorded() throws Exception {
    activatePort(cu);
    String last = activatePort(cu);
    Inbox.until("CBN's mirror routes " + last, () -> cbn.routingMirror().carrierOf(last).isPresent());
    // The deadlines fired may have activated other tests' ports too, their changes logged a moment later: wait
    // until the log holds still, so that CBN's position moves only by what this test sends.
    CassandraRoutingLog log = new CassandraRoutingLog(harness.database.session(), harness.regime.numbers());
    long head = log.head();
    for (long again = -1; again != head; ) {
      Thread.sleep(500);
      again = head;
      head = log.head();
    }
    long logHead = head;
    Inbox.until("CBN's mirror at the log's head " + logHead, () -> cbn.routingMirror().position() == logHead);
    CassandraRoutingCursors cursors = new CassandraRoutingCursors(harness.database.session());
    Inbox.until("CBN's client acknowledged position " + logHead,
        () -> cursors.positions().getOrDefault(CBN, 0L) == logHead);
    RawCarrier raw = rawSession("CBN");

    raw.channel().writeAndFlush(frame("sub-1").setRoutingSubscribe(RoutingSubscribe.newBuilder()
        .setResumeAfter(head - 1)).build());
    assertThat(next(raw, "sub-1").hasRoutingUpdates()).isTrue();
    assertThat(next(raw, "s:r:" + head).getRoutingUpdates().getUpdates(0).getPosition()).isEqualTo(head);
    // The position it resumed after is its own claim: this connection never sent it.
    raw.channel().writeAndFlush(frame("ack-1").setRoutingAck(RoutingAck.newBuilder().setPosition(head - 1))
        .build());
    raw.channel().writeAndFlush(frame("ping-1").setPing(Ping.getDefaultInstance()).build());

    ErrorNotice refusal = next(raw, "s:connection").getError();
    assertThat(refusal.getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(refusal.getStatus()).isEqualTo(400);
    assertThat(refusal.getClosing()).isFalse();
    assertThat(next(raw, "ping-1").hasPong()).as("the connection stays open").isTrue();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (System.nanoTime() < until) {
      assertThat(cursors.positions().get(CBN)).as("CBN's recorded position").isEqualTo(head);
      Thread.sleep(50);
    }

    raw.channel().writeAndFlush(frame("ack-2").setRoutingAck(RoutingAck.newBuilder().setPosition(head)).build());
    raw.channel().writeAndFlush(frame("ack-3").setRoutingAck(RoutingAck.newBuilder().setPosition(head + 1_000))
        .build());
    raw.channel().writeAndFlush(frame("ping-2").setPing(Ping.getDefaultInstance()).build());
    assertThat(next(raw, "s:connection").getError().getDetail()).as("only the position never sent is refused")
        .contains(Long.toString(head + 1_000));
    assertThat(next(raw, "ping-2").hasPong()).isTrue();
    raw.channel().close().sync();
    cbn = reconnected(cbn, "CBN"); // its stream moved to the raw connection, which is gone now
  }

  @Test
  void aSubscribeOnAnotherConnectionMovesTheCarriersRoutingStreamThereAndTheFormerOneIsTold() throws Exception {
    String before = activatePort(cu);
    Inbox.until("CT's mirror routes " + before, () -> ct.routingMirror().carrierOf(before).isPresent());
    long head = ct.routingMirror().position();
    RawCarrier raw = rawSession("CT");

    raw.channel().writeAndFlush(frame("sub-1").setRoutingSubscribe(RoutingSubscribe.newBuilder()
        .setResumeAfter(head)).build());
    assertThat(next(raw, "sub-1").hasRoutingUpdates()).isTrue();
    String after = activatePort(cu);

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean streamed = false;
    while (!streamed && System.nanoTime() < until) {
      Envelope frame = raw.received().poll(100, TimeUnit.MILLISECONDS);
      streamed = frame != null && frame.getRoutingUpdates().getUpdatesList().stream()
          .anyMatch(u -> u.getMsisdn().equals(after));
    }
    assertThat(streamed).as("the change streamed on the connection that subscribed last").isTrue();
    Thread.sleep(1_000);
    assertThat(ct.routingMirror().carrierOf(after)).as("the SDK connection's stream, moved away").isEmpty();
    assertThat(ct.routingMirror().position()).isEqualTo(head);
    raw.channel().close().sync();
    ct = reconnected(ct, "CT");
    Inbox.until("CT's new connection routes " + after, () -> ct.routingMirror().carrierOf(after).isPresent());
  }

  @Test
  void theConnectionTheRoutingStreamMovesAwayFromIsToldAndStaysOpen() throws Exception {
    RawCarrier first = rawSession("CBN");
    RawCarrier second = rawSession("CBN");
    first.channel().writeAndFlush(frame("sub-1").setRoutingSubscribe(RoutingSubscribe.newBuilder()).build());
    assertThat(next(first, "sub-1").hasRoutingUpdates()).isTrue();

    second.channel().writeAndFlush(frame("sub-2").setRoutingSubscribe(RoutingSubscribe.newBuilder()).build());
    assertThat(next(second, "sub-2").hasRoutingUpdates()).isTrue();

    ErrorNotice moved = next(first, "s:connection").getError();
    assertThat(moved.getCode()).isEqualTo(ErrorCode.ROUTING_STREAM_MOVED);
    assertThat(moved.getStatus()).isEqualTo(409);
    assertThat(moved.getClosing()).isFalse();
    first.channel().writeAndFlush(frame("ping").setPing(Ping.getDefaultInstance()).build());
    assertThat(next(first, "ping").hasPong()).as("the connection stays open").isTrue();
    first.channel().close().sync();
    second.channel().close().sync();
    cbn = reconnected(cbn, "CBN");
  }

  /** The carrier's SDK client, closed and connected again: a new session, which subscribes to the stream. */
  private static CarrierClient reconnected(CarrierClient client, String carrier) {
    client.close();
    return harness.connect(carrier, instance, new Inbox());
  }

  /** Opens a port of a fresh China Mobile number for {@code recipient} and activates it; returns the number. */
  private static String activatePort(CarrierClient recipient) {
    String number = freshNumber();
    String portId = requestPort(recipient, number, codeFor(number), "activate-" + number.substring(1)).getPortId();
    join(cm.answerPort(DonorAnswer.newBuilder().setPortId(portId).setAccept(DonorAnswer.Accept.getDefaultInstance())
        .build()));
    Port scheduled = harness.service().port(new CarrierId("CM"), uuid(portId)).value();
    harness.clock.set(scheduled.activationAt().orElseThrow());
    harness.service().fireDueDeadlines();
    return number;
  }

  /** A TLS connection without the SDK, with the carrier's certificate, past Hello and Welcome. */
  private static RawCarrier rawSession(String carrier) throws Exception {
    RawCarrier raw = RawCarrier.connect(rawGroup, instance.gateway().address(),
        harness.pki.carrierCertificate(carrier), harness.pki.carrierKey(carrier), harness.pki.caCertificate());
    raw.channel().writeAndFlush(frame("hello").setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("gateway-it-raw")).build());
    assertThat(next(raw, "hello").getWelcome().getCarrierId()).isEqualTo(carrier);
    return raw;
  }

  /** The next frame with this correlation id; notifications and other frames in between are skipped. */
  private static Envelope next(RawCarrier raw, String correlationId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Envelope frame = raw.received().poll(100, TimeUnit.MILLISECONDS);
      if (frame != null && frame.getHeader().getCorrelationId().equals(correlationId)) {
        return frame;
      }
    }
    throw new AssertionError("no frame " + correlationId + " within 20 s");
  }

  private static Envelope.Builder frame(String correlationId) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId(correlationId));
  }

  /** An eligibility query for {@code number}, for ALICE as an individual. */
  static EligibilityQueryRequest eligibilityQuery(String number) {
    return EligibilityQueryRequest.newBuilder().setMsisdn(number)
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE).build();
  }

  static String codeFor(String number) {
    return join(cm.requestAuthorisationCode(AuthorisationCodeRequest.newBuilder().setMsisdn(number)
        .setSubscriber(ALICE).build())).getCode();
  }

  static PortRequestAck requestPort(CarrierClient recipient, String number, String code, String key) {
    return join(recipient.requestPort(PortRequest.newBuilder().setIdempotencyKey(key).setMsisdn(number)
        .setOrderId("order-" + key).setChannel("outlet:BJ-0001")
        .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(ALICE)
        .setAuthorisationCode(code).build()));
  }

  private static DonorAnswer reject(String portId, String reason, Map<String, String> evidence) {
    return DonorAnswer.newBuilder().setPortId(portId)
        .setReject(Reason.newBuilder().setCode(reason).putAllEvidence(evidence)).build();
  }

  private static UUID uuid(String text) {
    return UUID.fromString(text);
  }

  /** The error notice a request sent without the SDK was answered with. */
  private static ErrorNotice rawError(RawCarrier raw, EligibilityQueryRequest.Builder query) throws Exception {
    String id = "raw-" + NUMBERS.incrementAndGet();
    raw.channel().writeAndFlush(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId(id)).setEligibilityQuery(query).build());
    while (true) {
      Envelope answer = raw.received().poll(20, TimeUnit.SECONDS);
      assertThat(answer).as("an answer to " + id).isNotNull();
      if (answer.getHeader().getCorrelationId().equals(id)) {
        assertThat(answer.hasError()).as(answer.toString()).isTrue();
        return answer.getError();
      }
    }
  }

  /** The typed error a request was answered with. */
  static GatewayException refusal(Runnable request) {
    Throwable thrown = catchThrowable(request::run);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof GatewayException gateway) {
        return gateway;
      }
    }
    throw new AssertionError("expected an error notice, got " + thrown, thrown);
  }
}
