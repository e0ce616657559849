package npc.core.deadline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One unit of deadline work as its lease row says: who holds it until when (by the holder's clock), and how far
 * its rows have been fired. A unit is a shard of the rows, or the rows an earlier version wrote unsharded.
 */
public record Lease(int unit, UUID holder, Instant expiresAt, Instant firedThrough) {
  /** The unit of the rows written before they were sharded (table {@code deadlines}). */
  public static final int LEGACY = -1;
  /** The holder of a unit nobody holds. */
  public static final UUID NOBODY = new UUID(0, 0);
  /** Every unit: the legacy rows, then each shard. */
  public static final List<Integer> UNITS =
      IntStream.range(LEGACY, Deadline.SHARDS).boxed().toList();

  public Lease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(firedThrough, "firedThrough");
  }

  /** A unit nobody holds, fired through {@code firedThrough}. */
  public static Lease free(int unit, Instant firedThrough) {
    return new Lease(unit, NOBODY, Instant.EPOCH, firedThrough);
  }

  /** Whether {@code instance} holds it at {@code now}. */
  public boolean heldBy(UUID instance, Instant now) {
    return holder.equals(instance) && expiresAt.isAfter(now);
  }

  /** Whether anyone holds it at {@code now}: a lease that ran out unrenewed is free to take. */
  public boolean free(Instant now) {
    return holder.equals(NOBODY) || !expiresAt.isAfter(now);
  }
}
