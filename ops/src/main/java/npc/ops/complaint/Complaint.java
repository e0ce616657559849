package npc.ops.complaint;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A subscriber's complaint about a carrier's conduct in one port, as the regulator recorded it, and its decision
 * once made.
 *
 * @param against the carrier complained about: the port's donor or recipient
 * @param about the kind of step disputed (an audit entry kind, e.g. {@code PORT_REJECTED_BY_DONOR})
 * @param reason the disputed reason code, when the complaint is about a rejection
 */
public record Complaint(UUID id, UUID port, String msisdn, String against, String about, Optional<String> reason,
    String note, Instant recordedAt, String recordedBy, Optional<Decision> decision) {

  /** The regulator's decision: upheld (the carrier's conduct was wrong) or dismissed. */
  public record Decision(Outcome outcome, String note, Instant at, String by) {}

  public enum Outcome { UPHELD, DISMISSED }
}
