package npc.core.port;

/** What can happen to a port. */
public enum PortEvent {
  CHECKS_FAILED,
  CHECKS_PASSED,
  DONOR_ACCEPTS,
  DONOR_REJECTS,
  DONOR_DEADLINE_PASSED,
  SCHEDULE,
  ACTIVATION_TIME_REACHED,
  /** The last of the carriers acknowledged and the donor has deactivated the subscriber. */
  ALL_ACKNOWLEDGED,
  ACK_DEADLINE_PASSED,
  CANCEL,
  REVERSE
}
