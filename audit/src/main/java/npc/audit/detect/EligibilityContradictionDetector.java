package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code ELIGIBILITY_CONTRADICTION}: the donor answered "eligible", then rejected a port of the same number for a
 * condition that cannot have arisen in between.
 *
 * <p>Rule: a {@code PORT_REJECTED_BY_DONOR} in the period, by the donor that answered {@code QUERY_ANSWERED} with
 * {@code eligible=true} for the same number at most {@link DetectorSettings#eligibleFor()} before, counts when its
 * reason's own evidence dates the condition before that answer:
 * <ul>
 *   <li>{@code UNPAID_CHARGES}: the {@code billing_period} closed, and its bill's time to pay
 *       ({@link DetectorSettings#arrearsGrace()}) ran out, before the answer. A month closed but still payable, or
 *       one that closed after the answer, is an honest new arrears and never counts.</li>
 *   <li>{@code ABNORMAL_STATUS}: the status held {@code since} a day wholly before the answer's day.</li>
 * </ul>
 * Other reasons carry no date the record could hold against the answer and never count here. Months and days are
 * read in UTC and widened by a whole day where a zone could tip them. Source: the audit issue's reasoning (an
 * "eligible" answer is the donor's own statement of the facts at that time).
 */
public final class EligibilityContradictionDetector implements Detector {
  private final DetectorSettings settings;

  public EligibilityContradictionDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.ELIGIBILITY_CONTRADICTION;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.contradiction());
    List<AuditEntry> answers = history.all(AuditKind.QUERY_ANSWERED);
    for (AuditEntry rejection : history.inPeriod(AuditKind.PORT_REJECTED_BY_DONOR)) {
      Optional<String> donor = rejection.record().actor();
      Optional<Instant> arose = arose(rejection);
      if (donor.isEmpty() || arose.isEmpty()) {
        continue;
      }
      Instant at = rejection.record().at();
      Instant earliest = at.atZone(ZoneOffset.UTC).minus(settings.eligibleFor()).toInstant();
      answers.stream()
          .filter(a -> a.record().actor().equals(donor) && a.record().msisdn().equals(rejection.record().msisdn()))
          .filter(a -> fact(a, "eligible").filter("true"::equals).isPresent())
          .filter(a -> a.record().at().isBefore(at) && !a.record().at().isBefore(earliest))
          .filter(a -> !arose.get().isAfter(a.record().at()))
          .reduce((first, second) -> second)
          .ifPresent(answer -> tally.offence(donor.get(), List.of(rejection, answer)));
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " rejected " + count
        + " ports for a condition its own evidence dates before its \"eligible\" answer for the same number");
  }

  /** The latest the rejection's cited condition can have arisen, by its own evidence. */
  private Optional<Instant> arose(AuditEntry rejection) {
    String reason = rejection.record().reason().orElse("");
    try {
      if (reason.equals("UNPAID_CHARGES")) {
        return fact(rejection, "billing_period").map(YearMonth::parse)
            .map(m -> m.plusMonths(1).atDay(1).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .plus(settings.arrearsGrace()).toInstant());
      }
      if (reason.equals("ABNORMAL_STATUS")) {
        return fact(rejection, "since").map(LocalDate::parse)
            .map(d -> d.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
