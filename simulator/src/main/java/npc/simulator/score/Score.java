package npc.simulator.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How well the audit's findings match what the carriers did, counted per distinct (carrier, rule) pair (issue 10):
 * a pair is correct when the carrier used a tactic the rule evidences; precision is correct pairs over all pairs;
 * recall is the (carrier, tactic) pairs used that at least one correct pair evidences, over all used; every finding
 * about a carrier that used no tactic is also counted as {@code honest_flagged}. With no pairs, precision is 1 (no
 * accusation was wrong); with no tactic used, recall is 1 (nothing was missed).
 *
 * @param precision correct pairs over all pairs
 * @param recall (carrier, tactic) pairs found over all used
 * @param findings how many findings there were
 * @param honestFlagged how many findings name a carrier that used no tactic
 * @param lines one line per carrier and tactic, then one per carrier with pairs no tactic of its explains
 */
public record Score(double precision, double recall, int findings, int honestFlagged, List<String> lines) {

  /** Scores {@code findings} against what the carriers did ({@code used}, with requests touched). */
  public static Score of(Map<Used, Long> used, List<Finding> findings, TacticRules rules) {
    Set<Finding> pairs = new TreeSet<>(Comparator.comparing(Finding::carrier).thenComparing(Finding::rule));
    pairs.addAll(findings);
    Set<String> obstructive = used.keySet().stream().map(Used::carrier).collect(Collectors.toSet());
    int correct = 0;
    Map<String, Set<String>> unexplained = new TreeMap<>();
    for (Finding pair : pairs) {
      boolean explained = used.keySet().stream()
          .anyMatch(u -> u.carrier().equals(pair.carrier()) && rules.evidences(pair.rule(), u.tactic()));
      if (explained) {
        correct++;
      } else {
        unexplained.computeIfAbsent(pair.carrier(), c -> new TreeSet<>()).add(pair.rule());
      }
    }
    List<String> lines = new ArrayList<>();
    int found = 0;
    List<Used> sorted = used.keySet().stream()
        .sorted(Comparator.comparing(Used::carrier).thenComparing(Used::tactic)).toList();
    for (Used u : sorted) {
      Set<String> evidencing = new TreeSet<>();
      for (Finding pair : pairs) {
        if (pair.carrier().equals(u.carrier()) && rules.evidences(pair.rule(), u.tactic())) {
          evidencing.add(pair.rule());
        }
      }
      found += evidencing.isEmpty() ? 0 : 1;
      lines.add("score: carrier=" + u.carrier() + " tactic=" + u.tactic().id() + " requests=" + used.get(u)
          + " found=" + (evidencing.isEmpty() ? "none" : String.join(",", evidencing))
          + " rules=" + String.join(",", rules.of(u.tactic())));
    }
    unexplained.forEach((carrier, wrong) -> lines.add("score: carrier=" + carrier + " tactic="
        + (obstructive.contains(carrier) ? "other" : "none") + " wrong=" + String.join(",", wrong)));
    int honestFlagged = (int) findings.stream().filter(f -> !obstructive.contains(f.carrier())).count();
    return new Score(
        pairs.isEmpty() ? 1 : correct / (double) pairs.size(),
        used.isEmpty() ? 1 : found / (double) used.size(),
        findings.size(), honestFlagged, List.copyOf(lines));
  }

  /** The summary line: {@code score: precision=P recall=R findings=N honest_flagged=H}. */
  public String summary() {
    return String.format(Locale.ROOT, "score: precision=%.3f recall=%.3f findings=%d honest_flagged=%d",
        precision, recall, findings, honestFlagged);
  }

  /** The summary line, then one line per carrier and tactic. */
  public List<String> report() {
    List<String> all = new ArrayList<>();
    all.add(summary());
    all.addAll(lines);
    return all;
  }
}
