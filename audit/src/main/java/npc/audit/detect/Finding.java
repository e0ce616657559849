package npc.audit.detect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that a carrier obstructed ports: the carrier, the rule ({@link Rule}), the period looked at, the
 * severity, one sentence a regulator can read, the entries that prove it (chain and position) and the ports,
 * queries or complaints they are about. A finding is never made from nothing: it needs at least one entry.
 */
public record Finding(String carrier, Rule rule, Instant from, Instant to, Severity severity, String sentence,
    List<EntryRef> evidence, List<String> subjects) {

  public Finding {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(sentence, "sentence");
    evidence = List.copyOf(evidence);
    subjects = List.copyOf(subjects);
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("a finding rests on entries of the record: " + rule + " " + carrier);
    }
  }
}
