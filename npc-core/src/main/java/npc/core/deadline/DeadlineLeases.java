package npc.core.deadline;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The leases that share the deadline work among instances, and the instances that share it. Every change of a
 * lease is a conditional write, so that two instances never both believe they took one; each returns whether it
 * applied.
 */
public interface DeadlineLeases {
  /** Announces {@code instance} live until {@code liveUntil} (by its clock). */
  void announce(UUID instance, Instant liveUntil);

  /** Every instance announced, with the time it was announced live until (past ones may still be listed). */
  Map<UUID, Instant> instances();

  /** The lease row of every unit that has one, by unit. */
  Map<Integer, Lease> leases();

  /** Creates the row of a unit that has none, free and fired through {@code firedThrough}. */
  boolean create(int unit, Instant firedThrough);

  /** Takes the unit for {@code holder} until {@code expiresAt}, if its row is still as {@code seen}. */
  boolean take(Lease seen, UUID holder, Instant expiresAt);

  /** Extends {@code holder}'s lease to {@code expiresAt} and saves its cursor, if it still holds the unit. */
  boolean renew(int unit, UUID holder, Instant expiresAt, Instant firedThrough);

  /** Gives the unit up, saving its cursor, if {@code holder} still holds it. */
  boolean release(int unit, UUID holder, Instant firedThrough);
}
