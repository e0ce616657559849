package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Instant;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditKind;

/**
 * {@code DEEMED_ACCEPTANCE}: a donor lets ports reach the answer deadline in silence.
 *
 * <p>Rule: a {@code PORT_DEEMED_ACCEPTED} counts against its donor only if the donor was told of the port
 * ({@code toldAt}) at least {@link DetectorSettings#deemedNotice()} before the deadline in force. A donor told late
 * had its deadline extended ({@code DONOR_DEADLINE_EXTENDED}, issue 12) and one never told is not silent but unheard:
 * neither counts. Occasions: the ports opened against the donor in the period. Source: the regime's donor answer
 * deadline (CN: MIIT 2019 rules, silence past it is deemed consent and a breach of the donor's service level).
 */
public final class DeemedAcceptanceDetector implements Detector {
  private final DetectorSettings settings;

  public DeemedAcceptanceDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.DEEMED_ACCEPTANCE;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.deemed());
    for (AuditEntry opened : history.inPeriod(AuditKind.PORT_OPENED)) {
      fact(opened, "donor").ifPresent(tally::occasion);
    }
    for (AuditEntry deemed : history.inPeriod(AuditKind.PORT_DEEMED_ACCEPTED)) {
      Optional<String> donor = fact(deemed, "donor");
      Optional<Instant> told = instant(deemed, "toldAt");
      Optional<Instant> deadline = deemed.record().deadline();
      if (donor.isPresent() && told.isPresent() && deadline.isPresent()
          && !told.get().plus(settings.deemedNotice()).isAfter(deadline.get())) {
        tally.offence(donor.get(), deemed);
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " let " + count + " of " + sample
        + " ports it was told of in time reach the answer deadline in silence");
  }
}
