package npc.ops.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A finding as the API gives it: its {@code id} ({@link FindingId}, what a regulator confirms), the carrier, the
 * rule, the period judged, the severity, one sentence a regulator can read ({@code summary}), the entries that prove
 * it ({@code evidence}: chain and position in the audit record, as an export holds them) and the ports, queries or
 * complaints they concern ({@code subjects}).
 */
@Serdeable
public record FindingView(String id, String carrier, String rule, String from, String to, String severity,
    String summary, List<EvidenceRef> evidence, List<String> subjects) {

  /** One entry of the record: its chain and position. */
  @Serdeable
  public record EvidenceRef(String chain, long position) {}

  /** The line {@code ./npc audit findings} prints for a finding, as the findings round keeps it. */
  @Serdeable
  public record Line(String carrier, String rule, String from, String to, String severity, String sentence,
      List<EvidenceRef> evidence, List<String> subjects) {
    public FindingView view() {
      String id = new FindingId(carrier, rule, evidence.get(0).chain(), evidence.get(0).position()).toString();
      return new FindingView(id, carrier, rule, from, to, severity, sentence, evidence, subjects);
    }
  }
}
