package npc.simulator.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import npc.simulator.score.Finding;
import npc.simulator.score.Inputs;
import npc.simulator.score.Score;
import npc.simulator.score.TacticRules;

/**
 * A run's findings, read from the HTTP API as a regulator would, and its score. An npc that does not serve findings
 * yet (the endpoint answers 404, or it wrote no regulator token) gives a score of zero findings with a warning that
 * says so, rather than no score: the run's truth is still worth seeing, and the warning keeps the zero honest.
 */
final class RunFindings {

  /** How long after the run's end the findings must judge: the audit appends a step a moment after it happens. */
  static final Duration SETTLE = Duration.ofSeconds(3);
  static final Duration POLL = Duration.ofSeconds(2);
  /** Longer than the service's default findings interval (30 s) twice over. */
  static final Duration WAIT = Duration.ofSeconds(90);

  private RunFindings() {}

  /**
   * Reads the findings into {@code out/findings.json}, once the service's findings round has judged what was
   * recorded up to now (its {@code Npc-Findings-Through} passed this moment plus {@link #SETTLE}, read again every
   * {@link #POLL} for up to {@link #WAIT}); empty with a warning on {@code warnings} when npc does not serve them.
   *
   * @throws IOException when the service cannot be reached or refuses the token
   */
  static Optional<String> read(String http, Path token, Path out, PrintStream warnings)
      throws IOException, InterruptedException {
    Instant wanted = Instant.now().plus(SETTLE);
    long giveUp = System.nanoTime() + WAIT.toNanos();
    if (!Files.isReadable(token)) {
      warnings.println("warning: npc wrote no regulator token (" + token.getFileName() + "): it serves no API tokens"
          + " yet, so no findings can be read; the score below counts zero findings");
      return Optional.empty();
    }
    Optional<FindingsClient.Findings> read = FindingsClient.fetch(http, Files.readString(token).strip());
    while (read.isPresent() && read.get().through().filter(t -> t.isBefore(wanted)).isPresent()
        && System.nanoTime() < giveUp) {
      Thread.sleep(POLL.toMillis());
      read = FindingsClient.fetch(http, Files.readString(token).strip());
    }
    if (read.isPresent() && read.get().through().filter(t -> t.isBefore(wanted)).isPresent()) {
      warnings.println("warning: npc's findings round has not judged the end of the run within " + WAIT.toSeconds()
          + " s; the score below counts the findings it has");
    }
    Optional<String> findings = read.map(FindingsClient.Findings::json);
    if (findings.isEmpty()) {
      warnings.println("warning: GET /api/v1/findings answered 404: this npc does not serve findings yet; the score "
          + "below counts zero findings");
      return Optional.empty();
    }
    Files.writeString(out.resolve("findings.json"), findings.get());
    return findings;
  }

  /** The score of the run in {@code out} against {@code findings} (none when empty). */
  static Score score(Path out, Optional<String> findings) throws IOException {
    List<Finding> found = findings.map(Inputs::findings).orElse(List.of());
    return Score.of(Inputs.truth(Files.readString(out.resolve("truth.jsonl"))), found, TacticRules.standard());
  }

  /** One line per (carrier, rule) found, with how many findings: {@code finding: carrier=CM rule=R count=N}. */
  static void print(Optional<String> findings, PrintStream out) {
    Map<String, Integer> counts = new TreeMap<>();
    findings.map(Inputs::findings).orElse(List.of())
        .forEach(f -> counts.merge("carrier=" + f.carrier() + " rule=" + f.rule(), 1, Integer::sum));
    counts.forEach((pair, n) -> out.println("finding: " + pair + " count=" + n));
  }
}
