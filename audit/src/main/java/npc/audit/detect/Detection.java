package npc.audit.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What detectors found over one history: findings, carriers below a minimum sample, and signals. */
public record Detection(List<Finding> findings, List<InsufficientData> insufficient, List<Signal> signals) {
  private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::rule)
      .thenComparing(Finding::carrier).thenComparing(f -> f.evidence().get(0).toString());

  public Detection {
    findings = findings.stream().sorted(ORDER).toList();
    insufficient = insufficient.stream()
        .sorted(Comparator.comparing(InsufficientData::rule).thenComparing(InsufficientData::carrier)).toList();
    signals = List.copyOf(signals);
  }

  public static Detection of(List<Finding> findings, List<InsufficientData> insufficient) {
    return new Detection(findings, insufficient, List.of());
  }

  public Detection plus(Detection other) {
    List<Finding> f = new ArrayList<>(findings);
    f.addAll(other.findings);
    List<InsufficientData> i = new ArrayList<>(insufficient);
    i.addAll(other.insufficient);
    List<Signal> s = new ArrayList<>(signals);
    s.addAll(other.signals);
    return new Detection(f, i, s);
  }

  public List<Finding> findings(Rule rule) {
    return findings.stream().filter(f -> f.rule() == rule).toList();
  }
}
