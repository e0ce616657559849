package npc.audit.findings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import npc.audit.chain.AuditStore;
import npc.audit.detect.Detection;
import npc.audit.detect.Detectors;
import npc.audit.record.AuditEntry;

/**
 * A detectors' round: every detector over the sliding window {@code [now - window, now)} of the stored record, and
 * its findings, insufficient data and signals kept in the {@link FindingStore}. The service runs one every 30 s
 * ({@code npc.audit.findings.interval}), so a finding is kept within a round (and the round's own time) of the entry
 * that completes its evidence being stored. A round reads only what was appended since the one before
 * ({@link RecentEntries}); the window's entries are held in memory, which is what bounds the window (default 24 h).
 *
 * <p>What a round keeps is what {@code ./npc audit findings --from F --to T} prints for an export of the same period:
 * the same entries reach the same pure detectors.
 */
public final class FindingsRunner {
  private final AuditStore record;
  private final FindingStore findings;
  private final Detectors detectors;
  private final Duration window;
  private final Clock clock;
  private final RecentEntries recent = new RecentEntries();
  private volatile Instant through;

  public FindingsRunner(AuditStore record, FindingStore findings, Detectors detectors, Duration window, Clock clock) {
    if (window.isNegative() || window.toMillis() < 1) {
      throw new IllegalArgumentException("the findings window must be a millisecond or more, not " + window);
    }
    this.record = record;
    this.findings = findings;
    this.detectors = detectors;
    this.window = window;
    this.clock = clock;
  }

  /** One round; returns what it found, once kept. */
  public synchronized Round run() {
    Instant to = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant from = to.minus(window);
    List<AuditEntry> entries = recent.read(record, from, to);
    Detection detection = detectors.run(entries, from, to);
    findings.save(KeptFinding.of(detection, from, to, to));
    through = to;
    return new Round(from, to, entries.size(), detection);
  }

  /**
   * The end of the last round this runner kept, if it kept one: what was appended to the record before it is
   * judged. A reader that wants the findings of a moment waits until this passes it.
   */
  public Optional<Instant> through() {
    return Optional.ofNullable(through);
  }

  /** A round's window, how many entries it read in it, and what it found. */
  public record Round(Instant from, Instant to, int entries, Detection detection) {}
}
