package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code REJECT_THEN_ACCEPT}: a number rejected for a reason, then accepted by the same donor soon after while the
 * cited condition could not have changed.
 *
 * <p>Rule: a {@code PORT_ACCEPTED} in the period, by a donor that rejected the same number within {@link
 * DetectorSettings#acceptWithin()} before with {@code BINDING_TERM_ACTIVE} whose {@code end_date} was still at least
 * {@link DetectorSettings#termStillToRun()} after the acceptance: the term it cited was in force, yet it let the
 * number go. Rejections for conditions a subscriber can clear (paying arrears, reporting a phone found) never count;
 * neither does a term that ended before the acceptance. Source: the audit issue's reasoning (the rejection was a
 * pretext to discourage the subscriber).
 */
public final class RejectThenAcceptDetector implements Detector {
  private final DetectorSettings settings;

  public RejectThenAcceptDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.REJECT_THEN_ACCEPT;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.rejectThenAccept());
    List<AuditEntry> rejections = history.all(AuditKind.PORT_REJECTED_BY_DONOR).stream()
        .filter(r -> r.record().reason().filter("BINDING_TERM_ACTIVE"::equals).isPresent()).toList();
    for (AuditEntry accepted : history.inPeriod(AuditKind.PORT_ACCEPTED)) {
      Optional<String> donor = accepted.record().actor();
      Instant at = accepted.record().at();
      Instant earliest = at.atZone(ZoneOffset.UTC).minus(settings.acceptWithin()).toInstant();
      Instant mustRunTo = at.atZone(ZoneOffset.UTC).plus(settings.termStillToRun()).toInstant();
      rejections.stream()
          .filter(r -> donor.isPresent() && r.record().actor().equals(donor)
              && r.record().msisdn().equals(accepted.record().msisdn()))
          .filter(r -> r.record().at().isBefore(at) && !r.record().at().isBefore(earliest))
          .filter(r -> termEnd(r).filter(end -> !end.isBefore(mustRunTo)).isPresent())
          .reduce((first, second) -> second)
          .ifPresent(r -> tally.offence(donor.get(), List.of(accepted, r)));
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " accepted " + count
        + " ports soon after rejecting the same numbers for a binding term that still had long to run");
  }

  private static Optional<Instant> termEnd(AuditEntry rejection) {
    try {
      return fact(rejection, "end_date").map(LocalDate::parse)
          .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
