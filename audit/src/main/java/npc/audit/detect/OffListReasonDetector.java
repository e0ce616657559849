package npc.audit.detect;

import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code OFF_LIST_REASON}: a donor attempts to refuse with a reason off the closed list, or with evidence that fails
 * its reason's rules (an added condition).
 *
 * <p>Rule: each {@code REFUSED_OFF_LIST_REASON} or {@code REFUSED_INVALID_EVIDENCE} of a donor's answer is one
 * offence; {@link DetectorSettings#offList()} of them (default 3) make a finding, so that one integration slip is
 * not conduct. Source: the regime's closed list of reasons (CN: MIIT 2019 rules and the 2019 Hunan notice: no added
 * conditions).
 */
public final class OffListReasonDetector implements Detector {
  private final DetectorSettings settings;

  public OffListReasonDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.OFF_LIST_REASON;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Tally tally = new Tally(rule(), settings.offList());
    for (AuditKind kind : new AuditKind[] {AuditKind.REFUSED_OFF_LIST_REASON, AuditKind.REFUSED_INVALID_EVIDENCE}) {
      for (AuditEntry refused : history.inPeriod(kind)) {
        refused.record().actor().ifPresent(carrier -> tally.offence(carrier, refused));
      }
    }
    return tally.result(history, (carrier, count, sample) -> carrier + " tried " + count
        + " times to refuse ports with a reason off the closed list or evidence that fails its rules");
  }
}
