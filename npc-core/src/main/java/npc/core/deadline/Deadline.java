package npc.core.deadline;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Something that must happen at {@code dueAt} to the port or query {@code subject} of {@code msisdn}. */
public record Deadline(Instant dueAt, Kind kind, UUID subject, String msisdn) {
  public Deadline {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(msisdn, "msisdn");
  }

  public enum Kind {
    /** The donor's answer is due; silence becomes deemed acceptance. */
    DONOR_ANSWER,
    /** The scheduled activation time. */
    ACTIVATION,
    /** Publish a route change (activation, reversal, return) if the instance that made it did not. */
    PUBLISH_ROUTE,
    /** Every carrier's routing acknowledgement is due; the rest are laggards. */
    ROUTING_ACK,
    /** An authorisation code expires. */
    CODE_EXPIRY,
    /** A donor's eligibility answer is due. */
    ELIGIBILITY_ANSWER
  }

  /** The hour bucket of the row. */
  public long dueHour() {
    return dueAt.getEpochSecond() / 3600;
  }
}
