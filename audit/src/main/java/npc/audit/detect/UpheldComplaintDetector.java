package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code UPHELD_COMPLAINT}: subscriber complaints about a carrier's rejections that the regulator upheld.
 *
 * <p>Rule: each {@code COMPLAINT_DECIDED} with {@code outcome=UPHELD} in the period counts against the carrier it
 * names ({@code against}), with its {@code COMPLAINT_RECORDED} as further evidence; dismissed complaints never count.
 * The decision is the regulator's, so one suffices by default. Source: the audit issue (the ops API records
 * complaints and the regulator's decisions).
 */
public final class UpheldComplaintDetector implements Detector {
  private final DetectorSettings settings;

  public UpheldComplaintDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.UPHELD_COMPLAINT;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<String, AuditEntry> recorded = new HashMap<>();
    for (AuditEntry r : history.all(AuditKind.COMPLAINT_RECORDED)) {
      recorded.putIfAbsent(AuditHistory.subject(r), r);
    }
    Tally tally = new Tally(rule(), settings.upheld());
    for (AuditEntry decided : history.inPeriod(AuditKind.COMPLAINT_DECIDED)) {
      Optional<String> against = fact(decided, "against");
      if (against.isPresent() && fact(decided, "outcome").filter("UPHELD"::equals).isPresent()) {
        AuditEntry complaint = recorded.get(AuditHistory.subject(decided));
        tally.offence(against.get(), complaint == null ? List.of(decided) : List.of(decided, complaint));
      }
    }
    return tally.result(history, (carrier, count, sample) -> count
        + " subscriber complaints about " + carrier + "'s rejections were upheld by the regulator");
  }
}
