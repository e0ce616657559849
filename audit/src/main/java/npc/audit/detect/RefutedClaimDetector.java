package npc.audit.detect;

import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code REFUTED_CLAIM}: a donor claims what the clearinghouse's own data refutes (a lock period, a non-portable
 * block, an identity mismatch after the code matched the identity the donor itself bound to it).
 *
 * <p>Rule: each {@code REFUSED_REFUTED_CLAIM} of the donor is one offence; its entry carries the claim and the data
 * that refutes it ({@code refutedBy} and that data's fields, {@code docs/detectors.md}). {@link
 * DetectorSettings#refuted()} of them (default 3) make a finding. Source: the regime's reasons the clearinghouse
 * verifies ({@code clearinghouse-verifies}, {@code refuted-on-port} in the regime file).
 */
public final class RefutedClaimDetector implements Detector {
  private final DetectorSettings settings;

  public RefutedClaimDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.REFUTED_CLAIM;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.refuted());
    for (AuditEntry refused : history.inPeriod(AuditKind.REFUSED_REFUTED_CLAIM)) {
      refused.record().actor().ifPresent(carrier -> tally.offence(carrier, refused));
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " made " + count
        + " claims against ports that the clearinghouse's own data refutes");
  }
}
