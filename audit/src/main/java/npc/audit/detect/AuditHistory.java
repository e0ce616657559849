package npc.audit.detect;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import npc.audit.record.AuditRecord;

/**
 * The entries detectors read, and the period they judge. One step is one entry: a step appended twice (a slow
 * instance and the sweeper) keeps the copy at the lowest (chain, position), so every reader counts it once whatever
 * order the entries arrive in. Entries are ordered by time, then chain and position, which is a total order that
 * does not depend on how the input was read.
 *
 * <p>Detectors may look at entries before {@code from} (the query a rejection contradicts) but judge only conduct
 * whose deciding entry is in {@code [from, to)}.
 */
public final class AuditHistory {
  private static final Comparator<AuditEntry> ORDER = Comparator.comparing((AuditEntry e) -> e.record().at())
      .thenComparing(AuditEntry::chain).thenComparingLong(AuditEntry::position);

  private final Instant from;
  private final Instant to;
  private final List<AuditEntry> entries;
  private final Map<String, List<AuditEntry>> byKind = new HashMap<>();

  public AuditHistory(Collection<AuditEntry> input, Instant from, Instant to) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a period ends after it starts: " + from + " .. " + to);
    }
    Map<UUID, AuditEntry> steps = new LinkedHashMap<>();
    Comparator<AuditEntry> place = Comparator.comparing(AuditEntry::chain).thenComparingLong(AuditEntry::position);
    for (AuditEntry e : input) {
      steps.merge(e.record().step(), e, (a, b) -> place.compare(a, b) <= 0 ? a : b);
    }
    List<AuditEntry> sorted = new ArrayList<>(steps.values());
    sorted.sort(ORDER);
    this.entries = List.copyOf(sorted);
    for (AuditEntry e : entries) {
      byKind.computeIfAbsent(e.record().kind(), k -> new ArrayList<>()).add(e);
    }
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  public List<AuditEntry> entries() {
    return entries;
  }

  /** The entries of {@code kind}, in order, over the whole input. */
  public List<AuditEntry> all(AuditKind kind) {
    return byKind.getOrDefault(kind.name(), List.of());
  }

  /** The entries of {@code kind} whose time is in the period. */
  public List<AuditEntry> inPeriod(AuditKind kind) {
    return all(kind).stream().filter(this::inPeriod).toList();
  }

  public boolean inPeriod(AuditEntry e) {
    Instant at = e.record().at();
    return !at.isBefore(from) && at.isBefore(to);
  }

  /** An evidence value. */
  public static Optional<String> fact(AuditEntry e, String key) {
    return Optional.ofNullable(e.record().evidence().get(key));
  }

  /** An evidence value that is an instant (ISO-8601, UTC); a value of another form counts as absent. */
  public static Optional<Instant> instant(AuditEntry e, String key) {
    try {
      return fact(e, key).map(Instant::parse);
    } catch (DateTimeParseException ex) {
      return Optional.empty();
    }
  }

  /** The carrier an entry is about: its actor, else the evidence {@code key} (for steps the clearinghouse took). */
  public static Optional<String> party(AuditEntry e, String key) {
    AuditRecord r = e.record();
    return r.actor().isPresent() ? r.actor() : fact(e, key);
  }

  public static String subject(AuditEntry e) {
    return e.record().subject().orElse("-");
  }
}
