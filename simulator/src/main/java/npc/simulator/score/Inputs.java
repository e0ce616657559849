package npc.simulator.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import npc.simulator.scenario.Tactic;

/** Reads the score's two inputs: the findings of the HTTP API and the run's {@code truth.jsonl}. */
public final class Inputs {

  private Inputs() {}

  /**
   * The findings of {@code GET /api/v1/findings} (an array of objects, or an object with a {@code findings} array),
   * or of {@code audit findings} (JSON Lines whose {@code type} is {@code finding}; other types are skipped). Each
   * finding must name its carrier and rule; the score needs nothing else of it.
   */
  public static List<Finding> findings(String json) {
    return JsonInput.objects(json, "findings", "the findings").stream()
        .filter(o -> !o.containsKey("type") || "finding".equals(o.get("type")))
        .map(o -> new Finding(JsonInput.text(o, "carrier", "the findings"), JsonInput.text(o, "rule", "the findings")))
        .toList();
  }

  /** The tactics each carrier used, with how many requests each touched, from {@code truth.jsonl}. */
  public static Map<Used, Long> truth(String jsonLines) {
    Map<Used, Long> used = new LinkedHashMap<>();
    for (Map<?, ?> o : JsonInput.objects(jsonLines, "truth", "truth.jsonl")) {
      String name = JsonInput.text(o, "tactic", "truth.jsonl");
      Tactic tactic = Tactic.of(name)
          .orElseThrow(() -> new ScoreInputException("truth.jsonl names an unknown tactic '" + name + "'"));
      used.merge(new Used(JsonInput.text(o, "carrier", "truth.jsonl"), tactic), 1L, Long::sum);
    }
    return used;
  }
}
