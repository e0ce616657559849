package npc.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in {@code simulator/scenarios/}: they load, and they are the set issue 10 asks for. */
class ShippedScenariosTest {

  private static final Path DIR = Path.of("scenarios");

  private static Scenario load(String name) throws IOException {
    return ScenarioLoader.load(DIR.resolve(name + ".yaml"));
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyShippedScenarioLoads() throws IOException {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(Tactic.values().length + 4);
    for (Path p : files()) {
      assertThat(ScenarioLoader.load(p).name()).as(p.toString())
          .isEqualTo(p.getFileName().toString().replace(".yaml", ""));
    }
  }

  @Test
  void demoIsTheIssuesExampleButForCmsChannels() throws IOException {
    Scenario issue;
    try (var in = new InputStreamReader(
        ShippedScenariosTest.class.getResourceAsStream("issue-example.yaml"), StandardCharsets.UTF_8)) {
      issue = ScenarioLoader.load(in);
    }
    Scenario demo = load("demo");
    CarrierSpec cm = issue.carrier("CM");
    assertThat(demo).isEqualTo(new Scenario(issue.name(), issue.seed(), issue.regime(), issue.duration(),
        issue.population(), issue.demand(), Map.of("CM", new CarrierSpec(cm.answerTime(),
            cm.eligibilityAnswerTime(), cm.routingAckTime(), cm.deactivationTime(), 200, cm.tactics()))));
  }

  @Test
  void eachTacticHasAScenarioOfItsOwnWhereOneCarrierUsesItAlone() throws IOException {
    for (Tactic t : Tactic.values()) {
      Scenario s = load(t.id());
      List<TacticSpec> used = new ArrayList<>();
      s.carriers().values().forEach(c -> used.addAll(c.tactics()));
      assertThat(used).as(t.id()).hasSize(1);
      assertThat(used.get(0).tactic()).isEqualTo(t);
    }
  }

  @Test
  void theScaleScenarioHoldsTenMillionSubscribers() throws IOException {
    assertThat(load("scale").population().subscribers()).isEqualTo(10_000_000);
  }

  @Test
  void oneScenarioHasAnHonestCarrierWhosePopulationIsMuchWorse() throws IOException {
    Scenario s = load("honest_worse");
    assertThat(s.carrier("CT").honest()).isTrue();
    for (String condition : List.of("unpaid_charges", "binding_term_active", "abnormal_status")) {
      assertThat(s.population().probability("CT", condition))
          .isGreaterThanOrEqualTo(3 * s.population().probability("CM", condition));
    }
    assertThat(s.carriers().values().stream().anyMatch(c -> !c.honest())).isTrue();
  }

  @Test
  void honestShopsStayFarBelowTheBulkChannelRule() throws IOException {
    for (Path p : files()) {
      Scenario s = ScenarioLoader.load(p);
      Duration window = s.duration().compareTo(Duration.ofMinutes(10)) < 0 ? s.duration() : Duration.ofMinutes(10);
      for (String carrier : s.regime().carriers()) {
        double perSecond = s.demand().portsPerSecond() * s.demand().destination().getOrDefault(carrier, 0.0);
        double perChannel = perSecond * window.toSeconds() / s.carrier(carrier).channels();
        assertThat(perChannel).as("%s %s", p.getFileName(), carrier).isLessThanOrEqualTo(10);
      }
    }
  }
}
