package npc.core.porting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import npc.core.regime.EvidenceField;
import npc.core.regime.Regime;
import npc.core.regime.RejectionReason;

/**
 * What the carrier that asked an eligibility query sees of the donor's answer: the code of every reason, and of its
 * evidence only the fields the regime marks shareable ({@code reason.X.shareable-evidence}). Arrears, dates and
 * agreement ids are the donor's business with its subscriber, who is told them by the donor; the asker learns why,
 * not the particulars. The donor sees its whole answer.
 */
final class SharedEvidence {
  private SharedEvidence() {}

  /** The query as its asker sees it. */
  static EligibilityQuery forAsker(Regime regime, EligibilityQuery query) {
    Map<String, Map<String, String>> shared = new LinkedHashMap<>();
    query.reasons().forEach((code, evidence) -> {
      Set<String> shareable = regime.reason(code).map(SharedEvidence::shareable).orElse(Set.of());
      shared.put(code, evidence.entrySet().stream().filter(field -> shareable.contains(field.getKey()))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    });
    return query.withReasons(shared);
  }

  private static Set<String> shareable(RejectionReason reason) {
    return reason.evidence().stream().filter(EvidenceField::shareable).map(EvidenceField::name)
        .collect(Collectors.toUnmodifiableSet());
  }
}
