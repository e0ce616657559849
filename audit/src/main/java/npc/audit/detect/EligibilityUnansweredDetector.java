package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Instant;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditKind;

/**
 * {@code ELIGIBILITY_UNANSWERED}: a donor lets eligibility queries expire.
 *
 * <p>Rule: a {@code QUERY_EXPIRED} counts against its donor only if the donor was told of the query
 * ({@code toldAt}) at least {@link DetectorSettings#queryNotice()} before its deadline. Occasions: the queries opened
 * to the donor in the period. Source: the regime's eligibility answer deadline (CN: CXXZ, 60 s).
 */
public final class EligibilityUnansweredDetector implements Detector {
  private final DetectorSettings settings;

  public EligibilityUnansweredDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.ELIGIBILITY_UNANSWERED;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.unanswered());
    for (AuditEntry opened : history.inPeriod(AuditKind.QUERY_OPENED)) {
      fact(opened, "donor").ifPresent(tally::occasion);
    }
    for (AuditEntry expired : history.inPeriod(AuditKind.QUERY_EXPIRED)) {
      Optional<String> donor = fact(expired, "donor");
      Optional<Instant> told = instant(expired, "toldAt");
      Optional<Instant> deadline = expired.record().deadline();
      if (donor.isPresent() && told.isPresent() && deadline.isPresent()
          && !told.get().plus(settings.queryNotice()).isAfter(deadline.get())) {
        tally.offence(donor.get(), expired);
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " let " + count + " of " + sample
        + " eligibility queries it was told of in time expire unanswered");
  }
}
