package npc.core.deadline;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Something that must happen at {@code dueAt} to the port or query {@code subject} of {@code msisdn}. */
public record Deadline(Instant dueAt, Kind kind, UUID subject, String msisdn) {
  /**
   * How many shards the rows are cut into. Part of the schema, not a setting: a row is written into, and read from,
   * the partition of its shard, so instances that counted differently would miss each other's rows.
   */
  public static final int SHARDS = 16;

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

  /**
   * The shard of the row, 0 to {@link #SHARDS} - 1: its subject folded, so that every deadline of one port falls in
   * one shard. Subjects are random or name-based UUIDs, whose bits are evenly spread; the fold is written out here
   * rather than left to {@code UUID.hashCode}, because every instance of every version must compute the same.
   */
  public int shard() {
    long folded = subject.getMostSignificantBits() ^ subject.getLeastSignificantBits();
    return (int) Math.floorMod(folded ^ (folded >>> 32), (long) SHARDS);
  }

  /** The hour bucket of the row. */
  public long dueHour() {
    return dueAt.getEpochSecond() / 3600;
  }
}
