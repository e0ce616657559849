package npc.gateway.client;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import npc.gateway.protocol.v1.AuthorisationCodeIssued;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.DeactivationConfirm;
import npc.gateway.protocol.v1.DonorAnswer;
import npc.gateway.protocol.v1.DonorAnswerAck;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityAnswerAccepted;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.NumberReturnAck;
import npc.gateway.protocol.v1.NumberReturnRequest;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.protocol.v1.RoutingSubscribe;

/**
 * One kind of request the gateway answers: where its body goes in an envelope, and which bodies answer it. Every
 * request the client sends is one of these, so that correlation, limits and timeouts are written once.
 */
record Operation<Q, A>(String name, BiConsumer<Envelope.Builder, Q> body, Set<BodyCase> answers,
    Function<Envelope, A> answer) {
  static final Operation<EligibilityQueryRequest, EligibilityQueryAccepted> ELIGIBILITY_QUERY = of(
      "eligibility query", Envelope.Builder::setEligibilityQuery, BodyCase.ELIGIBILITY_QUERY_ACCEPTED,
      Envelope::getEligibilityQueryAccepted);
  static final Operation<EligibilityAnswer, EligibilityAnswerAccepted> ELIGIBILITY_ANSWER = of(
      "eligibility answer", Envelope.Builder::setEligibilityAnswer, BodyCase.ELIGIBILITY_ANSWER_ACCEPTED,
      Envelope::getEligibilityAnswerAccepted);
  static final Operation<AuthorisationCodeRequest, AuthorisationCodeIssued> CODE_REQUEST = of(
      "authorisation code request", Envelope.Builder::setCodeRequest, BodyCase.CODE_ISSUED,
      Envelope::getCodeIssued);
  static final Operation<PortRequest, PortRequestAck> PORT_REQUEST = of(
      "port request", Envelope.Builder::setPortRequest, BodyCase.PORT_REQUEST_ACK, Envelope::getPortRequestAck);
  static final Operation<DonorAnswer, DonorAnswerAck> DONOR_ANSWER = of(
      "donor answer", Envelope.Builder::setDonorAnswer, BodyCase.DONOR_ANSWER_ACK, Envelope::getDonorAnswerAck);
  static final Operation<CancelRequest, PortStatusAck> CANCEL = of(
      "cancel", Envelope.Builder::setCancel, BodyCase.PORT_STATUS_ACK, Envelope::getPortStatusAck);
  static final Operation<DeactivationConfirm, PortStatusAck> DEACTIVATION = of(
      "deactivation confirm", Envelope.Builder::setDeactivation, BodyCase.PORT_STATUS_ACK,
      Envelope::getPortStatusAck);
  static final Operation<NumberReturnRequest, NumberReturnAck> NUMBER_RETURN = of(
      "number return", Envelope.Builder::setNumberReturn, BodyCase.NUMBER_RETURN_ACK, Envelope::getNumberReturnAck);
  static final Operation<RoutingLookupRequest, RoutingLookupResponse> ROUTING_LOOKUP = of(
      "routing lookup", Envelope.Builder::setRoutingLookup, BodyCase.ROUTING_LOOKUP_RESPONSE,
      Envelope::getRoutingLookupResponse);
  static final Operation<RegimeRequest, RegimeInfo> REGIME = of(
      "regime request", Envelope.Builder::setRegimeRequest, BodyCase.REGIME_INFO, Envelope::getRegimeInfo);
  /**
   * The protocol names no response to a subscription: the gateway answers it with the stream itself, so the
   * first routing frame carrying its correlation id ends it. The frame is applied by the routing stream.
   */
  static final Operation<RoutingSubscribe, Envelope> ROUTING_SUBSCRIBE = new Operation<>("routing subscribe",
      Envelope.Builder::setRoutingSubscribe, Set.of(BodyCase.ROUTING_UPDATES, BodyCase.ROUTING_SNAPSHOT),
      Function.identity());

  /**
   * Whether this is an answer due by a deadline (a donor's or an eligibility answer, a deactivation confirmation):
   * those have a window of their own of {@code Welcome.max_in_flight}, beside the other requests', on the gateway
   * as here, so that a carrier's new requests never leave it no room to answer.
   */
  boolean isDueAnswer() {
    return this == DONOR_ANSWER || this == ELIGIBILITY_ANSWER || this == DEACTIVATION;
  }

  private static <Q, A> Operation<Q, A> of(String name, BiConsumer<Envelope.Builder, Q> body, BodyCase answer,
      Function<Envelope, A> read) {
    return new Operation<>(name, body, Set.of(answer), read);
  }
}
