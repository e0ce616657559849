package npc.simulator.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The obstructive tactics, with the fixed names and parameters of the scenario file. Every parameter is required:
 * a tactic's strength is the point of the scenario, so it is never left to a default.
 */
public enum Tactic {
  FALSE_REASON("rate", "reason", "lie_at_query", "evidence"),
  REPEAT_REJECTION("share"),
  SILENCE("rate"),
  IGNORE_ELIGIBILITY("rate"),
  OFF_LIST_REASON("rate"),
  REFUTABLE_CLAIM("rate", "reason"),
  SLOW_ROUTING_ACK("rate", "delay"),
  LATE_DEACTIVATION("rate", "delay"),
  RETENTION("rate"),
  BULK_CHANNEL("share", "burst"),
  CODE_GUESSING("rate");

  private final List<String> parameters;

  Tactic(String... parameters) {
    this.parameters = List.of(parameters);
  }

  /** The name in the scenario file and in outputs ({@code false_reason}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The parameters the file must give, besides {@code tactic}. */
  public List<String> parameters() {
    return parameters;
  }

  /** The tactic of this file name, if there is one. */
  public static Optional<Tactic> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
  }
}
