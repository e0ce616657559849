package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code LATE_DEACTIVATION}: a donor confirms deactivation late or never.
 *
 * <p>Rule: each {@code PORT_ACTIVATED} in the period is an occasion of its {@code donor}; it is an offence when the
 * donor's {@code DEACTIVATION_CONFIRMED} for the port came after {@code deactivateBy}, or there is none and
 * {@code deactivateBy} passed {@link #SETTLE} before the period's end. A finding needs {@link DetectorSettings#lateDeactivation()}
 * (default 20, 3, 2%). Source: the regime's deactivation step (the subscriber keeps two lines, or none, until the
 * donor deactivates).
 */
public final class LateDeactivationDetector implements Detector {
  /**
   * A missing confirmation counts as "never" only once its deadline is this far behind the period's end: one
   * received by its deadline may still be on its way into the record (a worker's queue, the chain's append), and a
   * round in the middle of a run must not judge it before it lands. A port not judged yet is no occasion either.
   */
  static final Duration SETTLE = Duration.ofMinutes(1);
  private final DetectorSettings settings;

  public LateDeactivationDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.LATE_DEACTIVATION;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<String, AuditEntry> confirmed = new HashMap<>();
    for (AuditEntry c : history.all(AuditKind.DEACTIVATION_CONFIRMED)) {
      confirmed.putIfAbsent(AuditHistory.subject(c), c);
    }
    Tally tally = new Tally(rule(), settings.lateDeactivation()).againstPeers(settings.timingAlpha());
    for (AuditEntry activated : history.inPeriod(AuditKind.PORT_ACTIVATED)) {
      Optional<String> donor = fact(activated, "donor");
      Optional<Instant> due = instant(activated, "deactivateBy");
      if (donor.isEmpty() || due.isEmpty()) {
        continue;
      }
      AuditEntry confirmation = confirmed.get(AuditHistory.subject(activated));
      if (confirmation == null && !due.get().plus(SETTLE).isBefore(history.to())) {
        continue; // not judged yet: a confirmation may still be on its way into the record
      }
      tally.occasion(donor.get());
      if (confirmation == null) {
        tally.offence(donor.get(), activated);
      } else if (confirmation != null && confirmation.record().at().isAfter(due.get())) {
        tally.offence(donor.get(), List.of(activated, confirmation));
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " confirmed deactivation late or never for "
        + count + " of " + sample + " numbers ported away from it");
  }
}
