package npc.simulator.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scores a finished run from its files: {@code ScoreMain TRUTH.jsonl FINDINGS.json} prints the summary line and one
 * line per carrier and tactic. Exit 0 when scored, 2 when a file cannot be read.
 */
public final class ScoreMain {

  private ScoreMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: score TRUTH.jsonl FINDINGS.json");
      System.exit(2);
    }
    try {
      Score score = Score.of(
          Inputs.truth(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)),
          Inputs.findings(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8)),
          TacticRules.standard());
      score.report().forEach(System.out::println);
    } catch (IOException | ScoreInputException e) {
      System.err.println("score: " + e.getMessage());
      System.exit(2);
    }
  }
}
