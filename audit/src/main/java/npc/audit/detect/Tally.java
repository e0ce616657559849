package npc.audit.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;

/**
 * Per carrier, the occasions a rule looks at and the offences among them, turned into findings against a
 * {@link Threshold}: the one way every count-based detector decides, so they cannot drift apart.
 */
final class Tally {
  /** The sentence of a finding: carrier, offences, occasions. */
  interface Sentence {
    String of(String carrier, long count, long sample);
  }

  private final Rule rule;
  private final Threshold threshold;
  private final Map<String, Long> occasions = new TreeMap<>();
  private final Map<String, List<List<AuditEntry>>> offences = new TreeMap<>();

  Tally(Rule rule, Threshold threshold) {
    this.rule = rule;
    this.threshold = threshold;
  }

  void occasion(String carrier) {
    occasions(carrier, 1);
  }

  void occasions(String carrier, long n) {
    occasions.merge(carrier, n, Long::sum);
  }

  /** One offence, proved by {@code entries} (the first is the deciding one). */
  void offence(String carrier, List<AuditEntry> entries) {
    offences.computeIfAbsent(carrier, c -> new ArrayList<>()).add(List.copyOf(entries));
  }

  void offence(String carrier, AuditEntry entry) {
    offence(carrier, List.of(entry));
  }

  Detection result(AuditHistory history, Sentence sentence) {
    List<Finding> findings = new ArrayList<>();
    List<InsufficientData> insufficient = new ArrayList<>();
    offences.forEach((carrier, list) -> {
      long count = list.size();
      long sample = Math.max(count, occasions.getOrDefault(carrier, 0L));
      if (sample < threshold.minSample()) {
        insufficient.add(new InsufficientData(carrier, rule, sample, threshold.minSample()));
      } else if (count >= threshold.minCount() && count >= threshold.minShare() * sample) {
        Set<EntryRef> refs = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        for (List<AuditEntry> offence : list) {
          for (AuditEntry e : offence) {
            refs.add(EntryRef.of(e));
            e.record().subject().ifPresent(subjects::add);
          }
        }
        findings.add(new Finding(carrier, rule, history.from(), history.to(),
            Severity.of(count, threshold.minCount()), sentence.of(carrier, count, sample), List.copyOf(refs),
            List.copyOf(subjects)));
      }
    });
    return Detection.of(findings, insufficient);
  }
}
