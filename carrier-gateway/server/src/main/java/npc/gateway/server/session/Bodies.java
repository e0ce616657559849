package npc.gateway.server.session;

import java.util.EnumSet;
import java.util.Set;
import npc.gateway.protocol.v1.Envelope.BodyCase;

/** Which bodies a carrier may send, and which of those the server answers. */
public final class Bodies {
  /** Requests the server answers with a response or an error carrying the same correlation id. */
  static final Set<BodyCase> ANSWERED = EnumSet.of(BodyCase.PING, BodyCase.ELIGIBILITY_QUERY,
      BodyCase.ELIGIBILITY_ANSWER, BodyCase.CODE_REQUEST, BodyCase.PORT_REQUEST, BodyCase.DONOR_ANSWER,
      BodyCase.CANCEL, BodyCase.DEACTIVATION, BodyCase.NUMBER_RETURN, BodyCase.ROUTING_SUBSCRIBE,
      BodyCase.ROUTING_LOOKUP, BodyCase.REGIME_REQUEST);
  /**
   * Answers due by a deadline: they have a connection's in-flight window of their own, so that a carrier's new
   * requests never leave it no room to answer.
   */
  static final Set<BodyCase> DUE_ANSWERS = EnumSet.of(BodyCase.DONOR_ANSWER, BodyCase.ELIGIBILITY_ANSWER,
      BodyCase.DEACTIVATION);
  /** Acknowledgements the server records without answering. */
  static final Set<BodyCase> ONE_WAY = EnumSet.of(BodyCase.NOTIFICATION_ACK, BodyCase.ROUTING_ACK, BodyCase.PONG);

  private Bodies() {}

  public static boolean isAnswered(BodyCase body) {
    return ANSWERED.contains(body);
  }

  public static boolean isDueAnswer(BodyCase body) {
    return DUE_ANSWERS.contains(body);
  }

  /** Whether a carrier may send this body once its session is open (Hello only opens one). */
  public static boolean fromCarrier(BodyCase body) {
    return ANSWERED.contains(body) || ONE_WAY.contains(body);
  }
}
