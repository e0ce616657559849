package npc.simulator.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * What the subscribers do: how often one wants to port, where to, and how they react to a rejection.
 *
 * @param portsPerSecond the mean rate of open-loop (Poisson) arrivals of subscribers who want to port
 * @param destination the share of arrivals that want each carrier; the subscriber's own carrier is skipped
 * @param eligibilityQueryFirst the share of arrivals whose recipient asks an eligibility query before the port
 * @param retryAfterRejection the share of rejected subscribers who try again
 * @param retryDelay how long after the rejection they try again
 * @param complaintAfterRejection the share of rejected subscribers who complain to the regulator
 * @param cancel the share of ports the subscriber cancels, an honest change of mind
 */
public record DemandSpec(
    double portsPerSecond, Map<String, Double> destination, double eligibilityQueryFirst,
    double retryAfterRejection, Duration retryDelay, double complaintAfterRejection, double cancel) {

  public DemandSpec {
    destination = Map.copyOf(destination);
  }
}
