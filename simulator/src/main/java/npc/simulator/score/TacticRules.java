package npc.simulator.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import npc.simulator.scenario.Tactic;

/** Which audit rules evidence each tactic: the table, kept as data in {@code tactic-rules.properties}. */
public final class TacticRules {

  private final Map<Tactic, Set<String>> rules;

  private TacticRules(Map<Tactic, Set<String>> rules) {
    this.rules = rules;
  }

  /** The table that ships with the simulator. */
  public static TacticRules standard() {
    Properties p = new Properties();
    try (InputStream in = TacticRules.class.getResourceAsStream("tactic-rules.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Tactic, Set<String>> rules = new EnumMap<>(Tactic.class);
    for (Tactic t : Tactic.values()) {
      String list = p.getProperty(t.id());
      if (list == null) {
        throw new IllegalStateException("tactic-rules.properties has no rules for " + t.id());
      }
      rules.put(t, Set.copyOf(Arrays.stream(list.split(",")).map(String::trim).toList()));
    }
    return new TacticRules(rules);
  }

  /** The rules that evidence {@code tactic}. */
  public Set<String> of(Tactic tactic) {
    return new TreeSet<>(rules.get(tactic));
  }

  /** Whether {@code rule} evidences {@code tactic}. */
  public boolean evidences(String rule, Tactic tactic) {
    return rules.get(tactic).contains(rule);
  }
}
