package npc.ops.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A finding as the API gives it: the carrier, the rule, the period judged, the severity, one sentence a regulator
 * can read ({@code summary}), the entries that prove it ({@code evidence}: chain and position in the audit record,
 * as an export holds them) and the ports, queries or complaints they concern ({@code subjects}).
 */
@Serdeable
record FindingView(String carrier, String rule, String from, String to, String severity, String summary,
    List<EvidenceRef> evidence, List<String> subjects) {

  /** One entry of the record: its chain and position. */
  @Serdeable
  record EvidenceRef(String chain, long position) {}

  /** The line {@code ./npc audit findings} prints for a finding, as the findings round keeps it. */
  @Serdeable
  record Line(String carrier, String rule, String from, String to, String severity, String sentence,
      List<EvidenceRef> evidence, List<String> subjects) {
    FindingView view() {
      return new FindingView(carrier, rule, from, to, severity, sentence, evidence, subjects);
    }
  }
}
