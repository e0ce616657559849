package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * Silence past a deadline the carrier was told of in time: the one rule behind {@code DEEMED_ACCEPTANCE} (ports)
 * and {@code ELIGIBILITY_UNANSWERED} (queries). Occasions: the {@code opened} entries naming the carrier as
 * {@code donor}; an offence: a {@code lapsed} entry whose {@code donor} was told ({@code toldAt}) at least
 * {@code notice} before its deadline. Never told, or told later than that, never counts.
 */
abstract class SilencePastDeadline implements Detector {
  private final AuditKind opened;
  private final AuditKind lapsed;
  private final Threshold threshold;
  private final Duration notice;
  private final String what;

  SilencePastDeadline(AuditKind opened, AuditKind lapsed, Threshold threshold, Duration notice, String what) {
    this.opened = opened;
    this.lapsed = lapsed;
    this.threshold = threshold;
    this.notice = notice;
    this.what = what;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), threshold);
    for (AuditEntry e : history.inPeriod(opened)) {
      fact(e, "donor").ifPresent(tally::occasion);
    }
    for (AuditEntry e : history.inPeriod(lapsed)) {
      Optional<String> donor = fact(e, "donor");
      Optional<Instant> told = instant(e, "toldAt");
      Optional<Instant> deadline = e.record().deadline();
      if (donor.isPresent() && told.isPresent() && deadline.isPresent()
          && !told.get().plus(notice).isAfter(deadline.get())) {
        tally.offence(donor.get(), e);
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " let " + count + " of " + sample + " "
        + what);
  }
}
