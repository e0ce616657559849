package npc.core.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deadline rows in memory, read as the Cassandra store reads them: by unit and hour, within bounds, in due order.
 * Rows added with {@link #addLegacy} are those an earlier version wrote unsharded.
 */
public final class MemoryDeadlines implements DeadlineStore {
  public final List<Deadline> rows = new ArrayList<>();
  public final List<Deadline> legacyRows = new ArrayList<>();
  public Optional<Instant> legacyCursor = Optional.empty();

  /** Adds a row due at {@code dueAt} and returns it. */
  public Deadline added(Instant dueAt) {
    Deadline deadline = new Deadline(dueAt, Deadline.Kind.DONOR_ANSWER, UUID.randomUUID(), "+8613800138000");
    add(deadline);
    return deadline;
  }

  public Deadline addLegacy(Instant dueAt) {
    Deadline deadline = new Deadline(dueAt, Deadline.Kind.DONOR_ANSWER, UUID.randomUUID(), "+8613800138000");
    legacyRows.add(deadline);
    return deadline;
  }

  @Override
  public synchronized void addAll(List<Deadline> deadlines) {
    rows.addAll(deadlines);
  }

  @Override
  public synchronized List<Deadline> due(Set<Integer> units, long dueHour, Instant from, Instant upTo) {
    return (units.contains(Lease.LEGACY) ? legacyRows
        : rows.stream().filter(d -> units.contains(d.shard())).toList()).stream()
        .filter(d -> d.dueHour() == dueHour && !d.dueAt().isBefore(from) && !d.dueAt().isAfter(upTo))
        .sorted(Comparator.comparing(Deadline::dueAt))
        .toList();
  }

  @Override
  public Optional<Instant> legacyFiredThrough() {
    return legacyCursor;
  }

  @Override
  public boolean legacyEmpty() {
    return legacyRows.isEmpty();
  }
}
