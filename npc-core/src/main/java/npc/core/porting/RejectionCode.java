package npc.core.porting;

/** Why the clearinghouse itself rejected a port before any donor saw it. */
public enum RejectionCode {
  /** The number's block is not portable (CN: satellite, MVNO, IoT). */
  NON_PORTABLE_RANGE,
  /** Another port of the number is open. */
  PORT_ALREADY_OPEN,
  /** The number was ported within the regime's lock period. */
  LOCK_PERIOD,
  /** No authorisation code was issued for the number, or it expired and was cleared. */
  NO_CODE,
  /**
   * The code does not match: wrong code, or issued for another subscriber. Counted against the code, and recorded
   * against the recipient; the mismatch that reaches the regime's limit voids the code.
   */
  CODE_MISMATCH,
  CODE_EXPIRED,
  /** The code was already used by another port. */
  CODE_USED,
  /** The number's code was void after the regime's number of mismatches, and no new code was issued since. */
  CODE_VOIDED
}
