package npc.simulator.model;

import java.io.StringReader;
import npc.simulator.scenario.Scenario;
import npc.simulator.scenario.ScenarioLoader;

/** Small scenarios for the model's tests, written as the files a user writes. */
final class Scenarios {

  private Scenarios() {}

  static Scenario demo(int subscribers, String extra) {
    return ScenarioLoader.load(new StringReader(String.join("\n",
        "format: 1",
        "name: test",
        "seed: 42",
        "regime: demo",
        "duration: 60s",
        "population:",
        "  subscribers: " + subscribers,
        "  share: {CM: 0.6, CU: 0.2, CT: 0.18, CBN: 0.02}",
        "  corporate: 0.05",
        "  conditions:",
        "    default: {unpaid_charges: 0.02, binding_term_active: 0.04, abnormal_status: 0.01, not_real_name: 0.005}",
        "    CT: {unpaid_charges: 0.08}",
        "demand:",
        "  ports_per_s: 20",
        "  destination: {CM: 0.4, CU: 0.35, CT: 0.2, CBN: 0.05}",
        "  eligibility_query_first: 0.7",
        "  retry_after_rejection: 0.5",
        "  complaint_after_rejection: 0.1",
        "  cancel: 0.01",
        extra)));
  }
}
