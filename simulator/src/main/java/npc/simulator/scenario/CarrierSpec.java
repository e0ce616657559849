package npc.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * How one carrier behaves: its answer times, its sales channels and its tactics (none: honest).
 *
 * @param answerTime how long it takes to answer a port as donor
 * @param eligibilityAnswerTime how long it takes to answer an eligibility query
 * @param routingAckTime how long it takes to acknowledge a route change
 * @param deactivationTime how long it takes to confirm the deactivation of a number ported away
 * @param channels how many outlets and online channels its own port requests come through
 * @param tactics the obstructive tactics it uses, in the file's order
 */
public record CarrierSpec(
    LatencySpec answerTime, LatencySpec eligibilityAnswerTime, LatencySpec routingAckTime,
    LatencySpec deactivationTime, int channels, List<TacticSpec> tactics) {

  /** A carrier the scenario does not list: honest, with these answer times and channels. */
  public static final CarrierSpec HONEST = new CarrierSpec(
      new LatencySpec(Duration.ofSeconds(1), Duration.ofSeconds(5)),
      new LatencySpec(Duration.ofMillis(500), Duration.ofSeconds(2)),
      new LatencySpec(Duration.ofMillis(200), Duration.ofSeconds(2)),
      new LatencySpec(Duration.ofSeconds(1), Duration.ofSeconds(4)),
      1000, List.of());

  public CarrierSpec {
    tactics = List.copyOf(tactics);
  }

  /** Whether the carrier uses no tactic. */
  public boolean honest() {
    return tactics.isEmpty();
  }
}
