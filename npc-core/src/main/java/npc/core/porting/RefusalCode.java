package npc.core.porting;

/** Why the service refused a request. Nothing was written for any of them. */
public enum RefusalCode {
  /** Not a mobile number of a known block. */
  INVALID_NUMBER,
  /** A carrier the registry does not know. */
  UNKNOWN_CARRIER,
  /** A carrier that takes no part in porting (a holder of non-portable blocks). */
  NOT_A_PARTICIPANT,
  /** The recipient already serves the number: a port, or an eligibility query, for a number of its own. */
  RECIPIENT_ALREADY_SERVES,
  /** A field is missing, too long or malformed; the detail names it. */
  INVALID_REQUEST,
  /** The idempotency key was used before for a different request. */
  IDEMPOTENCY_KEY_REUSED,
  UNKNOWN_PORT,
  UNKNOWN_QUERY,
  /** Only the donor answers for a port, and only the carrier serving a number acts for it as donor. */
  NOT_THE_DONOR,
  /** Only the recipient that submitted a port may cancel it or see it. */
  NOT_THE_RECIPIENT,
  /** Only the carrier serving a number may return it. */
  NOT_THE_SERVING_CARRIER,
  /** The reason is not on the regime's closed list; recorded as a violation. */
  REASON_NOT_ON_LIST,
  /** The evidence is missing a field, has an unknown one, or contradicts itself. */
  EVIDENCE_INVALID,
  /** The reason is one the clearinghouse verifies, and its data says otherwise; recorded as a violation. */
  REASON_CONTRADICTED_BY_CLEARINGHOUSE,
  /** The regime does not let a donor reject an individual's port for this reason (India, with a valid code). */
  REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL,
  /** The answer came after the deadline: silence had already become consent. */
  DEADLINE_PASSED,
  /** The port has ended. */
  PORT_ENDED,
  /** The request does not apply to a port or number in its current state. */
  NOT_ALLOWED_IN_STATE,
  /** The number has an open port, so it cannot be returned or given a new code now. */
  NUMBER_HAS_OPEN_PORT,
  /**
   * The number cannot be ported, as the clearinghouse knows from its own data: the regime issues codes only for
   * eligible numbers and its checks fail, or an eligibility query names a number of a non-portable block (one whose
   * holder takes no part in porting, such as a satellite or MVNO block, can never answer).
   */
  NOT_ELIGIBLE
}
