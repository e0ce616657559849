package npc.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import npc.simulator.regime.Block;
import npc.simulator.regime.Regime;
import npc.simulator.regime.Regimes;
import npc.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;

class PopulationTest {

  private static Population of(Scenario s) {
    return new Population(s.regime(), s.population(), s.seed());
  }

  @Test
  void everyNumberLiesInAPortableBlockOfItsCarrierAndMapsBackToItsSubscriber() {
    Scenario s = Scenarios.demo(200_000, "");
    Population p = of(s);
    Regime regime = s.regime();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < p.size(); i++) {
      String msisdn = p.msisdn(i);
      String national = msisdn.substring(3);
      assertThat(msisdn).startsWith("+86").hasSize(14);
      Block block = regime.blocks().stream().filter(b -> national.startsWith(b.prefix())).findFirst().orElseThrow();
      assertThat(block.portable()).isTrue();
      assertThat(block.holder()).isEqualTo(p.carriers().get(p.holder(i)));
      assertThat(p.indexOf(msisdn)).isEqualTo(i);
      assertThat(seen.add(msisdn)).as("unique %s", msisdn).isTrue();
    }
  }

  @Test
  void aNumberOutsideThePlanIsNoSubscriber() {
    Population p = of(Scenarios.demo(1000, ""));
    assertThat(p.indexOf("+8613900000001")).isEqualTo(-1);  // CM's block, beyond its 600 subscribers
    assertThat(p.indexOf("+8617000000000")).isEqualTo(-1);  // a non-portable MVNO block
    assertThat(p.indexOf("+911234567890")).isEqualTo(-1);
    assertThat(p.indexOf("+86139")).isEqualTo(-1);
  }

  @Test
  void carriersGetTheirSharesExactly() {
    Population p = of(Scenarios.demo(1001, ""));
    int[] count = new int[p.carriers().size()];
    for (int i = 0; i < p.size(); i++) {
      count[p.holder(i)]++;
      assertThat(p.server(i)).isEqualTo(p.holder(i));
    }
    assertThat(count).containsExactly(601, 200, 180, 20);
  }

  @Test
  void truthFollowsTheProbabilitiesWithTheCarriersOverrides() {
    Population p = of(Scenarios.demo(400_000, ""));
    int unpaid = p.conditions().stream().map(r -> r.code()).toList().indexOf("UNPAID_CHARGES");
    int term = p.conditions().stream().map(r -> r.code()).toList().indexOf("BINDING_TERM_ACTIVE");
    int ct = p.carriers().indexOf("CT");
    int cm = p.carriers().indexOf("CM");
    assertThat(share(p, ct, unpaid)).isCloseTo(0.08, within(0.003));
    assertThat(share(p, cm, unpaid)).isCloseTo(0.02, within(0.002));
    assertThat(share(p, ct, term)).isCloseTo(0.04, within(0.003));
    long corporate = 0;
    for (int i = 0; i < p.size(); i++) {
      corporate += p.corporate(i) ? 1 : 0;
    }
    assertThat(corporate / (double) p.size()).isCloseTo(0.05, within(0.002));
  }

  private static double share(Population p, int carrier, int condition) {
    int n = 0;
    int has = 0;
    for (int i = 0; i < p.size(); i++) {
      if (p.holder(i) == carrier) {
        n++;
        has += p.has(i, condition) ? 1 : 0;
      }
    }
    return has / (double) n;
  }

  @Test
  void theSameSeedGivesTheSameTruthAndAnotherSeedAnother() {
    Scenario s = Scenarios.demo(50_000, "");
    Population a = of(s);
    Population b = of(s);
    Population c = new Population(s.regime(), s.population(), s.seed() + 1);
    int same = 0;
    int differ = 0;
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.blocking(i)).isEqualTo(b.blocking(i));
      if (a.blocking(i) >= 0 || c.blocking(i) >= 0) {
        if (a.blocking(i) == c.blocking(i)) {
          same++;
        } else {
          differ++;
        }
      }
    }
    assertThat(differ).isGreaterThan(same);
  }

  @Test
  void aSubscriberWhoFixedItsConditionsIsNoLongerBlockedAndKeepsItsKind() {
    Population p = of(Scenarios.demo(20_000, ""));
    int fixed = 0;
    for (int i = 0; i < p.size(); i++) {
      if (p.blocking(i) >= 0) {
        boolean corporate = p.corporate(i);
        p.fixAll(i);
        assertThat(p.blocking(i)).isEqualTo(-1);
        assertThat(p.corporate(i)).isEqualTo(corporate);
        fixed++;
      }
    }
    assertThat(fixed).isPositive();
  }

  @Test
  void aConditionOnlyBlocksTheKindsOfSubscriberItsReasonMayBeHeldAgainst() {
    Regime india = Regimes.builtIn("in").orElseThrow();
    Scenario s = Scenarios.demo(1, "");
    var spec = new npc.simulator.scenario.PopulationSpec(10_000, java.util.Map.of("JIO", 1.0), 0.5,
        java.util.Map.of("unpaid_charges", 1.0), java.util.Map.of());
    Population p = new Population(india, spec, s.seed());
    for (int i = 0; i < p.size(); i++) {
      assertThat(p.has(i, 0)).isTrue();
      assertThat(p.blocking(i)).isEqualTo(p.corporate(i) ? 0 : -1);
    }
  }

  @Test
  void tooManySubscribersForACarriersBlocksIsAClearError() {
    Regime india = Regimes.builtIn("in").orElseThrow();
    var spec = new npc.simulator.scenario.PopulationSpec(30_000_000, java.util.Map.of("JIO", 1.0), 0,
        java.util.Map.of(), java.util.Map.of());
    assertThatThrownBy(() -> new Population(india, spec, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JIO has 30000000 subscribers");
  }

  @Test
  void tenMillionSubscribersTakeTwoBytesEach() {
    Population p = of(Scenarios.demo(10_000_000, ""));
    assertThat(p.size()).isEqualTo(10_000_000);
    for (int i = 0; i < p.size(); i += 99_991) {
      assertThat(p.indexOf(p.msisdn(i))).isEqualTo(i);
    }
  }
}
