package npc.core.port;

/** Where a port request stands. See DESIGN.md section 3 for the diagram and its sources. */
public enum PortState {
  /** Received; the clearinghouse's own checks are running. */
  SUBMITTED(false),
  /** A check of the clearinghouse failed; the donor never saw the request. */
  REJECTED_BY_CLEARINGHOUSE(true),
  /** Waiting for the donor's answer until its deadline. */
  PENDING_DONOR(false),
  /** The donor accepted. */
  ACCEPTED(false),
  /** The donor was silent past its deadline: consent is deemed, and the breach recorded. */
  DEEMED_ACCEPTED(false),
  /** The donor rejected with a reason on the closed list and its evidence. */
  REJECTED_BY_DONOR(true),
  /** Activation is set for a time the regime decides. */
  SCHEDULED(false),
  /** The route changed and was broadcast; carriers are acknowledging. */
  ACTIVATED(false),
  /** Every carrier acknowledged and the donor deactivated the subscriber. */
  COMPLETED(true),
  /** The acknowledgement deadline passed; the carriers that had not acknowledged are named. */
  COMPLETED_WITH_LAGGARDS(true),
  /** The subscriber cancelled through the recipient before activation. */
  CANCELLED(true),
  /** A regulator-approved reversal of an unauthorised port. */
  REVERSED(true);

  private final boolean terminal;

  PortState(boolean terminal) {
    this.terminal = terminal;
  }

  /** No event moves a port out of a terminal state, except a reversal of a completed port. */
  public boolean isTerminal() {
    return terminal;
  }

  /** Whether the port still holds its number: no other port may be opened for it. */
  public boolean holdsNumber() {
    return !terminal;
  }
}
