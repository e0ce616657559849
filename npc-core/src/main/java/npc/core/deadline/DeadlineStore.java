package npc.core.deadline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deadline rows by the hour they fall due, and how far firing has got. Rows are facts: written once, never updated
 * and never deleted one by one (they expire), so that reading the rows due next never wades through the
 * tombstones of the ones fired before.
 */
public interface DeadlineStore {
  default void add(Deadline deadline) {
    addAll(List.of(deadline));
  }

  /** Writes the rows in one request: the deadlines a step sets together. */
  void addAll(List<Deadline> deadlines);

  /** The rows of hour {@code dueHour} due from {@code from} to {@code upTo}, both included, earliest first. */
  List<Deadline> due(long dueHour, Instant from, Instant upTo);

  /** Where firing resumes after a start: every row due before it was handled; empty if never recorded. */
  Optional<Instant> firedThrough();

  /** Records that every row due before {@code through} was handled by some instance. */
  void recordFiredThrough(Instant through);
}
