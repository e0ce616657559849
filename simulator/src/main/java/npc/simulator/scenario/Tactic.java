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
  FALSE_REASON(TacticSpec.FalseReason.class, "rate", "reason", "lie_at_query", "evidence"),
  REPEAT_REJECTION(TacticSpec.RepeatRejection.class, "share"),
  SILENCE(TacticSpec.Silence.class, "rate"),
  IGNORE_ELIGIBILITY(TacticSpec.IgnoreEligibility.class, "rate"),
  OFF_LIST_REASON(TacticSpec.OffListReason.class, "rate"),
  REFUTABLE_CLAIM(TacticSpec.RefutableClaim.class, "rate", "reason"),
  SLOW_ROUTING_ACK(TacticSpec.SlowRoutingAck.class, "rate", "delay"),
  LATE_DEACTIVATION(TacticSpec.LateDeactivation.class, "rate", "delay"),
  RETENTION(TacticSpec.Retention.class, "rate"),
  BULK_CHANNEL(TacticSpec.BulkChannel.class, "share", "burst"),
  CODE_GUESSING(TacticSpec.CodeGuessing.class, "rate");

  private final Class<? extends TacticSpec> spec;
  private final List<String> parameters;

  Tactic(Class<? extends TacticSpec> spec, String... parameters) {
    this.spec = spec;
    this.parameters = List.of(parameters);
  }

  /** The tactic whose parameters a {@link TacticSpec} of this class holds. */
  static Tactic of(Class<?> specClass) {
    return Arrays.stream(values()).filter(t -> t.spec == specClass).findFirst().orElseThrow();
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
