package npc.gateway.client;

import npc.gateway.protocol.v1.EligibilityQueryNotice;
import npc.gateway.protocol.v1.EligibilityResultNotice;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortStatusNotice;
import npc.gateway.protocol.v1.TimerNotice;

/**
 * What the gateway pushes to a carrier. The client calls these one at a time, in arrival order, on the callback
 * executor (never on its network thread), so a method may block; the next notification waits for it.
 *
 * <p>A notification is acknowledged to the gateway only after its method returns normally. A method that throws
 * leaves it unacknowledged: the gateway delivers it again (on the next connection at the latest), and the client
 * hands it over again. Duplicates the client recognises are never handed over.
 */
public interface CarrierListener {
  /** As a donor: a port of one of its numbers waits for its answer; answer with {@code answerPort} in time. */
  default void onPortNotice(PortNotice notice) {}

  /** A port this carrier takes part in moved to a new state. */
  default void onPortStatus(PortStatusNotice notice) {}

  /** A deadline fired: a donor's answer deadline, an expired code or query, the routing acknowledgement deadline. */
  default void onTimer(TimerNotice notice) {}

  /**
   * As a donor: a recipient asks whether a number may be ported for the subscriber the notice names; answer with
   * {@code answerEligibility} in time, against your own records ({@code NOT_REAL_NAME} for an identity that does not
   * match the number's registration).
   */
  default void onEligibilityQuery(EligibilityQueryNotice notice) {}

  /**
   * As the carrier that asked: the donor's answer to an eligibility query (the reasons, with only the evidence the
   * regime shares with the asker), or its silence past the deadline ({@code ELIGIBILITY_STATE_EXPIRED}).
   */
  default void onEligibilityResult(EligibilityResultNotice notice) {}

  /** A session opened (the first, or after a reconnect): requests may be sent. */
  default void onSessionOpened(Session session) {}

  /** The session's connection closed; the client reconnects by itself. */
  default void onSessionClosed() {}
}
