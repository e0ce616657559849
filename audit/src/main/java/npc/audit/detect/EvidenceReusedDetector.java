package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code EVIDENCE_REUSED}: the same evidence value (a bill reference, an agreement id) cited for many different
 * numbers.
 *
 * <p>Rule: per donor, evidence key of {@link DetectorSettings#reuseKeys()} and value, the distinct numbers its
 * {@code PORT_REJECTED_BY_DONOR} entries in the period cite it for; {@link DetectorSettings#reuseNumbers()} of them
 * (default 5) make one offence. Rejections of one number citing its own agreement again are not reuse, and a family
 * or business agreement honestly covering a few numbers stays below the default. Source: the audit issue's reasoning
 * (a document names one subscriber's bill or agreement).
 */
public final class EvidenceReusedDetector implements Detector {
  private final DetectorSettings settings;

  public EvidenceReusedDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.EVIDENCE_REUSED;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<List<String>, List<AuditEntry>> cited = new TreeMap<>((a, b) -> String.join("\0", a)
        .compareTo(String.join("\0", b)));
    for (AuditEntry rejection : history.inPeriod(AuditKind.PORT_REJECTED_BY_DONOR)) {
      if (rejection.record().actor().isEmpty()) {
        continue;
      }
      for (String key : settings.reuseKeys()) {
        fact(rejection, key).ifPresent(value -> cited.computeIfAbsent(
            List.of(rejection.record().actor().get(), key, value), k -> new ArrayList<>()).add(rejection));
      }
    }
    Tally tally = new Tally(rule(), Threshold.count(1));
    cited.forEach((donorKeyValue, rejections) -> {
      Set<String> numbers = new HashSet<>();
      rejections.forEach(r -> r.record().msisdn().ifPresent(numbers::add));
      if (numbers.size() >= settings.reuseNumbers()) {
        tally.offence(donorKeyValue.get(0), rejections);
      }
    });
    return tally.result(history, (carrier, count, sample) -> carrier + " cited " + count
        + " evidence value(s) (bill reference or agreement id) each for " + settings.reuseNumbers()
        + " or more different numbers");
  }
}
