package npc.simulator.carrier;

import java.util.Map;

/**
 * A carrier's answer to a port (accept or reject) or to an eligibility query (eligible or not), or its silence.
 *
 * @param kind accept (eligible), reject (not eligible) or silent
 * @param reason the reason's code of a rejection, empty otherwise
 * @param evidence the reason's evidence, by field
 */
public record Answer(Kind kind, String reason, Map<String, String> evidence) {

  /** An acceptance, or "eligible" to a query. */
  public static final Answer ACCEPT = new Answer(Kind.ACCEPT, "", Map.of());

  /** No answer at all. */
  public static final Answer SILENT = new Answer(Kind.SILENT, "", Map.of());

  public Answer {
    evidence = Map.copyOf(evidence);
  }

  /** A rejection for {@code reason} with its evidence. */
  public static Answer reject(String reason, Map<String, String> evidence) {
    return new Answer(Kind.REJECT, reason, evidence);
  }

  /** What the answer is. */
  public enum Kind {
    ACCEPT,
    REJECT,
    SILENT
  }
}
