package npc.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import npc.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;

class DemandTest {

  private final Scenario scenario = Scenarios.demo(100_000, "");
  private final Population population = new Population(scenario.regime(), scenario.population(), scenario.seed());
  private final Demand demand = new Demand(scenario.demand(), scenario.seed(), population);

  @Test
  void arrivalsComeAtTheOfferedRateWithExponentialGaps() {
    int n = 200_000;
    double total = 0;
    int shortGaps = 0;
    for (int i = 0; i < n; i++) {
      long gap = demand.gapNanos(i);
      total += gap;
      shortGaps += gap < 50_000_000 ? 1 : 0;  // the mean gap at 20/s
    }
    assertThat(n / (total / 1e9)).isCloseTo(20, within(0.2));
    assertThat(shortGaps / (double) n).isCloseTo(1 - Math.exp(-1), within(0.005));
  }

  @Test
  void aSubscriberNeverWantsItsOwnCarrierAndTheOthersKeepTheirProportions() {
    int[] wanted = new int[population.carriers().size()];
    int fromCm = 0;
    int queries = 0;
    int cancels = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      Demand.Wish w = demand.wish(i, 0).orElseThrow();
      assertThat(w.recipient()).isNotEqualTo(population.server(w.subscriber()));
      if (population.server(w.subscriber()) == population.carriers().indexOf("CM")) {
        fromCm++;
        wanted[w.recipient()]++;
      }
      queries += w.queryFirst() ? 1 : 0;
      cancels += w.cancels() ? 1 : 0;
    }
    // CM's subscribers want CU 0.35, CT 0.2, CBN 0.05 of 0.6
    assertThat(wanted[population.carriers().indexOf("CU")] / (double) fromCm).isCloseTo(0.35 / 0.6, within(0.01));
    assertThat(wanted[population.carriers().indexOf("CBN")] / (double) fromCm).isCloseTo(0.05 / 0.6, within(0.01));
    assertThat(queries / (double) n).isCloseTo(0.7, within(0.01));
    assertThat(cancels / (double) n).isCloseTo(0.01, within(0.002));
  }

  @Test
  void anotherAttemptDrawsAnotherSubscriber() {
    assertThat(demand.wish(5, 0).orElseThrow().subscriber()).isNotEqualTo(demand.wish(5, 1).orElseThrow().subscriber());
    assertThat(demand.wish(5, 0)).isEqualTo(demand.wish(5, 0));
  }

  @Test
  void theRegulatorUpholdsExactlyTheComplaintsAgainstWrongfulRejections() {
    int complaints = 0;
    int retries = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      Demand.Reaction rightful = demand.afterRejection(i, 0, true);
      Demand.Reaction wrongful = demand.afterRejection(i, 0, false);
      assertThat(rightful.upheld()).isFalse();
      assertThat(wrongful.upheld()).isEqualTo(wrongful.complain());
      assertThat(rightful.fixes()).isEqualTo(rightful.retry());
      assertThat(wrongful.fixes()).isFalse();
      complaints += rightful.complain() ? 1 : 0;
      retries += rightful.retry() ? 1 : 0;
    }
    assertThat(complaints / (double) n).isCloseTo(0.1, within(0.005));
    assertThat(retries / (double) n).isCloseTo(0.5, within(0.005));
  }
}
