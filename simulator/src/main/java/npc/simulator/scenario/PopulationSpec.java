package npc.simulator.scenario;

import java.util.Map;

/**
 * The subscribers: how many, how they divide among carriers, and their truth.
 *
 * @param subscribers how many subscribers the model holds
 * @param share each carrier's share of the subscribers (summing to 1)
 * @param corporate the share of subscribers that are corporate
 * @param conditions the probability of each condition (a reason's name in lower case) for every carrier
 * @param overrides per carrier, the conditions whose probability differs from {@code conditions}
 */
public record PopulationSpec(
    int subscribers, Map<String, Double> share, double corporate, Map<String, Double> conditions,
    Map<String, Map<String, Double>> overrides) {

  public PopulationSpec {
    share = Map.copyOf(share);
    conditions = Map.copyOf(conditions);
    overrides = Map.copyOf(overrides);
  }

  /** The probability that a subscriber of {@code carrier} has {@code condition}. */
  public double probability(String carrier, String condition) {
    Double own = overrides.getOrDefault(carrier, Map.of()).get(condition);
    return own != null ? own : conditions.getOrDefault(condition, 0.0);
  }
}
