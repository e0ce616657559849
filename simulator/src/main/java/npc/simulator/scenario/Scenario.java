package npc.simulator.scenario;

import java.time.Duration;
import java.util.Map;
import npc.simulator.regime.Regime;

/**
 * One scenario file, loaded and checked: everything a run draws from, so that the same file and seed give the same
 * population, demand and tactics.
 *
 * @param name the scenario's name, for outputs
 * @param seed the seed of every random draw of the run
 * @param regime the built-in regime npc runs, whose carriers, reasons and blocks the scenario uses
 * @param duration how long arrivals go on; the run then drains until every port ended
 * @param population the subscribers
 * @param demand the subscribers' wishes
 * @param carriers the carriers the file lists; the others are {@link CarrierSpec#HONEST}
 */
public record Scenario(
    String name, long seed, Regime regime, Duration duration, PopulationSpec population, DemandSpec demand,
    Map<String, CarrierSpec> carriers) {

  public Scenario {
    carriers = Map.copyOf(carriers);
  }

  /** How {@code carrier} behaves: as the file says, or honest with the defaults if it does not list it. */
  public CarrierSpec carrier(String carrier) {
    return carriers.getOrDefault(carrier, CarrierSpec.HONEST);
  }
}
