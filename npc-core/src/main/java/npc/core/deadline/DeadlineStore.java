package npc.core.deadline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deadline rows by the hour they fall due and their shard. Rows are facts: written once, never updated and never
 * deleted one by one (they expire), so that reading the rows due next never wades through the tombstones of the
 * ones fired before.
 */
public interface DeadlineStore {
  default void add(Deadline deadline) {
    addAll(List.of(deadline));
  }

  /** Writes the rows in one request: the deadlines a step sets together. */
  void addAll(List<Deadline> deadlines);

  /**
   * The rows of the units {@code units} (shards, or {@link Lease#LEGACY} alone for the rows an earlier version wrote
   * before the rows were sharded) and hour {@code dueHour}, due from {@code from} to {@code upTo}, both included, in
   * one request; each unit's rows earliest first.
   */
  List<Deadline> due(Set<Integer> units, long dueHour, Instant from, Instant upTo);

  /**
   * Where an earlier version had fired the rows it wrote through (every one due before it was handled); empty if
   * it never recorded it.
   */
  Optional<Instant> legacyFiredThrough();

  /** Whether no row written by an earlier version is left. */
  boolean legacyEmpty();
}
