package npc.core.deadline;

import java.time.Instant;
import java.util.List;

/** Deadline rows by the hour they fall due. Rows are facts: written, read and deleted plainly. */
public interface DeadlineStore {
  void add(Deadline deadline);

  /** The rows of hour {@code dueHour} due at or before {@code upTo}, earliest first. */
  List<Deadline> due(long dueHour, Instant upTo);

  void remove(Deadline deadline);
}
