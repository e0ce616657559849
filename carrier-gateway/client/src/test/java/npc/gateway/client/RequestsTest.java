package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.CodeRules;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.LookupResult;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.PortState;
import npc.gateway.protocol.v1.PortStatus;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Calls: correlation of answers, the gateway's errors, timeouts, the gateway's limits and lost connections. */
class RequestsTest extends FakeGatewayTest {
  @Test
  void answersFindTheirRequestsByCorrelationIdWhateverTheirOrder() throws Exception {
    connect(carrier().routingStream(false));
    CompletableFuture<PortRequestAck> port = client.requestPort(portRequest("key-1"));
    CompletableFuture<PortStatusAck> cancel = client.cancelPort(CancelRequest.newBuilder().setPortId("P-9").build());
    Envelope portFrame = gateway.next(BodyCase.PORT_REQUEST);
    Envelope cancelFrame = gateway.next(BodyCase.CANCEL);

    gateway.answer(cancelFrame, frame -> frame.setPortStatusAck(PortStatusAck.newBuilder()
        .setPort(PortStatus.newBuilder().setPortId("P-9").setState(PortState.PORT_STATE_CANCELLED))));
    gateway.answer(portFrame, frame -> frame.setPortRequestAck(PortRequestAck.newBuilder().setPortId("P-1")));

    assertThat(portFrame.getHeader().getCorrelationId()).isNotEqualTo(cancelFrame.getHeader().getCorrelationId())
        .doesNotStartWith("s:");
    assertThat(portFrame.getHeader().getProtocolVersion()).isEqualTo(1);
    assertThat(portFrame.getPortRequest().getIdempotencyKey()).isEqualTo("key-1");
    assertThat(port.get(WAIT, TimeUnit.SECONDS).getPortId()).isEqualTo("P-1");
    assertThat(cancel.get(WAIT, TimeUnit.SECONDS).getPort().getState()).isEqualTo(PortState.PORT_STATE_CANCELLED);
  }

  @Test
  void anErrorNoticeFailsItsRequestWithTheGatewaysCodeStatusAndDetail() throws Exception {
    connect(carrier().routingStream(false));
    CompletableFuture<PortRequestAck> port = client.requestPort(portRequest("key-2"));

    gateway.answer(gateway.next(BodyCase.PORT_REQUEST), frame -> frame.setError(ErrorNotice.newBuilder()
        .setStatus(503).setCode(ErrorCode.STORAGE_UNAVAILABLE).setDetail("the database did not answer")));

    assertThatFailure(() -> port.get(WAIT, TimeUnit.SECONDS), GatewayException.class, error -> {
      assertThat(error.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
      assertThat(error.status()).isEqualTo(503);
      assertThat(error.detail()).isEqualTo("the database did not answer");
      assertThat(error.retryable()).isTrue();
      assertThat(error.outcomeUnknown()).isTrue();
    });
  }

  @Test
  void aRequestUnansweredInTimeFailsButKeepsItsSlotUntilTheLateAnswer() throws Exception {
    gateway.welcome(terms -> terms.setMaxInFlight(1));
    connect(carrier().routingStream(false).requestTimeout(Duration.ofMillis(100)));
    CompletableFuture<PortRequestAck> slow = client.requestPort(portRequest("key-3"));
    Envelope slowFrame = gateway.next(BodyCase.PORT_REQUEST);

    assertThatFailure(() -> slow.get(WAIT, TimeUnit.SECONDS), RequestTimeoutException.class,
        timeout -> assertThat(timeout.outcomeUnknown()).isTrue());
    assertThatFailure(() -> client.requestPort(portRequest("key-4")).get(WAIT, TimeUnit.SECONDS),
        NotSentException.class, refusal -> assertThat(refusal.reason())
            .isEqualTo(NotSentException.Reason.TOO_MANY_IN_FLIGHT));

    gateway.answer(slowFrame, frame -> frame.setPortRequestAck(PortRequestAck.newBuilder().setPortId("P-3")));
    List<CompletableFuture<PortRequestAck>> tries = new ArrayList<>();
    Envelope nextFrame = receivedOnceTheSlotIsFree(() -> {
      tries.add(client.requestPort(portRequest("key-5")));
      return tries.get(tries.size() - 1);
    });
    gateway.answer(nextFrame, frame -> frame.setPortRequestAck(PortRequestAck.newBuilder().setPortId("P-5")));

    assertThat(tries.get(tries.size() - 1).get(WAIT, TimeUnit.SECONDS).getPortId()).isEqualTo("P-5");
  }

  /**
   * Sends the request until the gateway receives it, and returns the frame: until the late answer has reached the
   * client and freed its slot, the client refuses the request unsent, as it must.
   */
  private Envelope receivedOnceTheSlotIsFree(Supplier<CompletableFuture<PortRequestAck>> request) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
    while (true) {
      CompletableFuture<PortRequestAck> sent = request.get();
      Envelope frame = gateway.received(BodyCase.PORT_REQUEST).poll(50, TimeUnit.MILLISECONDS);
      if (frame != null) {
        return frame;
      }
      if (!sent.isCompletedExceptionally() || System.nanoTime() > deadline) {
        return gateway.next(BodyCase.PORT_REQUEST);
      }
    }
  }

  @Test
  void requestsBeyondTheGatewaysInFlightLimitFailFastUnsent() throws Exception {
    gateway.welcome(terms -> terms.setMaxInFlight(2));
    connect(carrier().routingStream(false));
    CompletableFuture<PortRequestAck> first = client.requestPort(portRequest("key-6"));
    client.requestPort(portRequest("key-7"));

    CompletableFuture<PortRequestAck> third = client.requestPort(portRequest("key-8"));

    assertThatFailure(() -> third.get(WAIT, TimeUnit.SECONDS), NotSentException.class, refusal -> {
      assertThat(refusal.reason()).isEqualTo(NotSentException.Reason.TOO_MANY_IN_FLIGHT);
      assertThat(refusal.outcomeUnknown()).isFalse();
    });
    gateway.answer(gateway.next(BodyCase.PORT_REQUEST), frame -> frame.setPortRequestAck(
        PortRequestAck.newBuilder().setPortId("P-6")));
    assertThat(first.get(WAIT, TimeUnit.SECONDS).getPortId()).isEqualTo("P-6");
    client.requestPort(portRequest("key-9"));
    assertThat(gateway.next(BodyCase.PORT_REQUEST).getPortRequest().getIdempotencyKey()).isEqualTo("key-7");
    assertThat(gateway.next(BodyCase.PORT_REQUEST).getPortRequest().getIdempotencyKey()).isEqualTo("key-9");
  }

  @Test
  void answersDueByADeadlineAreSentWhenNewRequestsFillTheWindowAndHaveAWindowOfTheirOwn() throws Exception {
    gateway.welcome(terms -> terms.setMaxInFlight(1));
    connect(carrier().routingStream(false));
    client.requestPort(portRequest("key-10"));

    client.answerPort(DonorAnswer.newBuilder().setPortId("P-1")
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build());
    CompletableFuture<?> second = client.answerPort(DonorAnswer.newBuilder().setPortId("P-2")
        .setAccept(DonorAnswer.Accept.getDefaultInstance()).build());

    assertThat(gateway.next(BodyCase.DONOR_ANSWER).getDonorAnswer().getPortId()).as("sent beside the port request")
        .isEqualTo("P-1");
    assertThatFailure(() -> second.get(WAIT, TimeUnit.SECONDS), NotSentException.class, refusal ->
        assertThat(refusal.reason()).isEqualTo(NotSentException.Reason.TOO_MANY_IN_FLIGHT));
  }

  @Test
  void aFrameLongerThanTheGatewaysMaximumIsRefusedHere() throws Exception {
    gateway.welcome(terms -> terms.setMaxFrameBytes(2_000));
    connect(carrier().routingStream(false));

    CompletableFuture<RoutingLookupResponse> tooLong = client.lookUpRoutes(Collections.nCopies(200,
        "+8613800138000"));
    CompletableFuture<RoutingLookupResponse> small = client.lookUpRoutes(List.of("+8613800138000"));

    assertThatFailure(() -> tooLong.get(WAIT, TimeUnit.SECONDS), NotSentException.class,
        refusal -> assertThat(refusal.reason()).isEqualTo(NotSentException.Reason.FRAME_TOO_LARGE));
    Envelope sent = gateway.next(BodyCase.ROUTING_LOOKUP);
    assertThat(sent.getRoutingLookup().getMsisdnsList()).hasSize(1);
    gateway.answer(sent, frame -> frame.setRoutingLookupResponse(RoutingLookupResponse.newBuilder()
        .addResults(LookupResult.newBuilder().setMsisdn("+8613800138000").setCarrier("CU").setPorted(true)
            .setValid(true))));
    assertThat(small.get(WAIT, TimeUnit.SECONDS).getResults(0).getCarrier()).isEqualTo("CU");
  }

  @Test
  void theRegimeIsAskedWithAnEmptyRequestAndAnsweredWithTheRulesInForce() throws Exception {
    connect(carrier().routingStream(false));
    CompletableFuture<RegimeInfo> regime = client.regime();

    Envelope request = gateway.next(BodyCase.REGIME_REQUEST);
    assertThat(request.getRegimeRequest()).isEqualTo(RegimeRequest.getDefaultInstance());
    gateway.answer(request, frame -> frame.setRegimeInfo(RegimeInfo.newBuilder().setRegimeId("cn")
        .setZone("Asia/Shanghai").setCode(CodeRules.newBuilder().setLength(6).setMaxMismatches(5))));

    RegimeInfo info = regime.get(WAIT, TimeUnit.SECONDS);
    assertThat(info.getRegimeId()).isEqualTo("cn");
    assertThat(info.getZone()).isEqualTo("Asia/Shanghai");
    assertThat(info.getCode().getMaxMismatches()).isEqualTo(5);
  }

  @Test
  void aLookupOfMoreThanAThousandNumbersIsACallersMistake() throws Exception {
    connect(carrier().routingStream(false));

    assertThatThrownBy(() -> client.lookUpRoutes(Collections.nCopies(1_001, "+8613800138000")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEligibilityQueryNamesItsSubscriberAndTheirType() throws Exception {
    connect(carrier().routingStream(false));
    SubscriberIdentity subscriber = SubscriberIdentity.newBuilder().setName("Zhang Wei")
        .setIdNumber("110101199003071234").build();

    CompletableFuture<EligibilityQueryAccepted> accepted = client.queryEligibility("+8613800138000",
        SubscriberType.SUBSCRIBER_TYPE_CORPORATE, subscriber);
    Envelope sent = gateway.next(BodyCase.ELIGIBILITY_QUERY);
    gateway.answer(sent, frame -> frame.setEligibilityQueryAccepted(EligibilityQueryAccepted.newBuilder()
        .setQueryId("Q-1").setDonor("CU")));

    assertThat(sent.getEligibilityQuery().getMsisdn()).isEqualTo("+8613800138000");
    assertThat(sent.getEligibilityQuery().getSubscriberType()).isEqualTo(SubscriberType.SUBSCRIBER_TYPE_CORPORATE);
    assertThat(sent.getEligibilityQuery().getSubscriber()).isEqualTo(subscriber);
    assertThat(accepted.get(WAIT, TimeUnit.SECONDS).getQueryId()).isEqualTo("Q-1");
  }

  @Test
  void anEligibilityQueryWithoutItsSubscriberOrTheirTypeIsACallersMistakeAndIsNotSent() throws Exception {
    connect(carrier().routingStream(false));
    SubscriberIdentity subscriber = SubscriberIdentity.newBuilder().setName("Zhang Wei")
        .setIdNumber("110101199003071234").build();

    assertThatThrownBy(() -> client.queryEligibility("+8613800138000", SubscriberType.SUBSCRIBER_TYPE_UNSPECIFIED,
        subscriber)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriber_type");
    assertThatThrownBy(() -> client.queryEligibility("+8613800138000", SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL,
        SubscriberIdentity.getDefaultInstance())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subscriber");
    assertThatThrownBy(() -> client.queryEligibility(EligibilityQueryRequest.newBuilder()
        .setMsisdn("+8613800138000").setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriber");

    client.queryEligibility("+8613800138001", SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL, subscriber);
    assertThat(gateway.next(BodyCase.ELIGIBILITY_QUERY).getEligibilityQuery().getMsisdn())
        .as("the first query the gateway got is the whole one").isEqualTo("+8613800138001");
  }

  @Test
  void aDroppedConnectionFailsWaitingRequestsWithAnUnknownOutcome() throws Exception {
    connect(carrier().routingStream(false));
    CompletableFuture<PortRequestAck> port = client.requestPort(portRequest("key-10"));
    gateway.next(BodyCase.PORT_REQUEST);

    gateway.dropConnection();

    assertThatFailure(() -> port.get(WAIT, TimeUnit.SECONDS), ConnectionLostException.class,
        lost -> assertThat(lost.outcomeUnknown()).isTrue());
  }

  @Test
  void aRequestWhileDisconnectedIsNotSent() throws Exception {
    client = carrier().routingStream(false).gateway("localhost", unusedPort()).connect();

    assertThatFailure(() -> client.requestPort(portRequest("key-11")).get(WAIT, TimeUnit.SECONDS),
        NotSentException.class, refusal -> assertThat(refusal.reason())
            .isEqualTo(NotSentException.Reason.NOT_CONNECTED));
  }

  private int unusedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static PortRequest portRequest(String key) {
    return PortRequest.newBuilder().setIdempotencyKey(key).setMsisdn("+8613800138000").setOrderId("order-1")
        .setChannel("app").build();
  }

  static <E extends Throwable> void assertThatFailure(ThrowingCallable call, Class<E> type,
      java.util.function.Consumer<E> requirements) {
    assertThatThrownBy(call).cause().isInstanceOfSatisfying(type, requirements);
  }
}
