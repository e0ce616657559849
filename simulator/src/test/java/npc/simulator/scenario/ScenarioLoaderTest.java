package npc.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  private static String example() throws IOException {
    try (InputStream in = ScenarioLoaderTest.class.getResourceAsStream("issue-example.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Scenario load(String text) {
    return ScenarioLoader.load(new StringReader(text));
  }

  private static void failsAt(ThrowingCallable load, int line, String key, String words) {
    assertThatThrownBy(load).isInstanceOfSatisfying(ScenarioException.class, e -> {
      assertThat(e.line()).as("line").isEqualTo(line);
      assertThat(e.key()).as("key").isEqualTo(key);
      assertThat(e.getMessage()).contains("line " + line).contains(words);
    });
  }

  @Test
  void readsTheIssuesExampleKeyByKey() throws IOException {
    Scenario s = load(example());

    assertThat(s.name()).isEqualTo("demo");
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.regime().id()).isEqualTo("demo");
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.population().subscribers()).isEqualTo(100_000);
    assertThat(s.population().share()).containsEntry("CM", 0.6).containsEntry("CBN", 0.02).hasSize(4);
    assertThat(s.population().corporate()).isEqualTo(0.05);
    assertThat(s.population().probability("CT", "unpaid_charges")).isEqualTo(0.08);
    assertThat(s.population().probability("CT", "binding_term_active")).isEqualTo(0.04);
    assertThat(s.population().probability("CM", "unpaid_charges")).isEqualTo(0.02);
    assertThat(s.population().probability("CM", "not_real_name")).isEqualTo(0.005);
    assertThat(s.demand().portsPerSecond()).isEqualTo(20);
    assertThat(s.demand().destination()).containsEntry("CU", 0.35);
    assertThat(s.demand().eligibilityQueryFirst()).isEqualTo(0.7);
    assertThat(s.demand().retryAfterRejection()).isEqualTo(0.5);
    assertThat(s.demand().retryDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.demand().complaintAfterRejection()).isEqualTo(0.1);
    assertThat(s.demand().cancel()).isEqualTo(0.01);
    CarrierSpec cm = s.carrier("CM");
    assertThat(cm.answerTime()).isEqualTo(new LatencySpec(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    assertThat(cm.eligibilityAnswerTime().median()).isEqualTo(Duration.ofMillis(500));
    assertThat(cm.routingAckTime().p99()).isEqualTo(Duration.ofSeconds(2));
    assertThat(cm.deactivationTime().p99()).isEqualTo(Duration.ofSeconds(4));
    assertThat(cm.channels()).isEqualTo(20);
    assertThat(cm.tactics()).containsExactly(
        new TacticSpec.FalseReason(0.05, "UNPAID_CHARGES", 0.5, TacticSpec.EvidenceKind.FRESH));
    assertThat(s.carrier("CU")).isEqualTo(CarrierSpec.HONEST);
  }

  @Test
  void anUnknownKeyNamesItsLineAndPath() throws IOException {
    String text = example().replace("    channels: 20", "    channels: 20\n    chanels: 3");
    failsAt(() -> load(text), 28, "carriers.CM.chanels", "no such key");
  }

  @Test
  void anUnknownTopLevelKeyIsAnError() throws IOException {
    failsAt(() -> load(example() + "speed: 3\n"), 30, "speed", "no such key");
  }

  @Test
  void anUnknownTacticIsAnError() throws IOException {
    String text = example().replace("tactic: false_reason", "tactic: bribery");
    failsAt(() -> load(text), 29, "carriers.CM.tactics[0].tactic", "unknown tactic 'bribery'");
  }

  @Test
  void anUnknownReasonIsAnError() throws IOException {
    String text = example().replace("reason: UNPAID_CHARGES", "reason: RING_BACK_TONE");
    failsAt(() -> load(text), 29, "carriers.CM.tactics[0].reason", "unknown reason 'RING_BACK_TONE'");
  }

  @Test
  void aReasonTheClearinghouseVerifiesCannotBeAFalseCondition() throws IOException {
    String text = example().replace("reason: UNPAID_CHARGES", "reason: LOCK_PERIOD");
    failsAt(() -> load(text), 29, "carriers.CM.tactics[0].reason", "unknown reason 'LOCK_PERIOD'");
  }

  @Test
  void anUnknownCarrierIsAnErrorWhereverItAppears() throws IOException {
    failsAt(() -> load(example().replace("  CM:\n    answer_time", "  XX:\n    answer_time")),
        22, "carriers.XX", "unknown carrier 'XX'");
    failsAt(() -> load(example().replace("    CT: {unpaid_charges: 0.08}", "    CX: {unpaid_charges: 0.08}")),
        12, "population.conditions.CX", "unknown carrier 'CX'");
    failsAt(() -> load(example().replace("CBN: 0.05}", "SAT: 0.05}")),
        15, "demand.destination.SAT", "unknown carrier 'SAT'");
  }

  @Test
  void anUnknownConditionIsAnError() throws IOException {
    failsAt(() -> load(example().replace("CT: {unpaid_charges: 0.08}", "CT: {debts: 0.08}")),
        12, "population.conditions.CT.debts", "unknown condition 'debts'");
  }

  @Test
  void malformedYamlNamesItsLine() throws IOException {
    String text = example().replace("  corporate: 0.05", "  corporate: [0.05");
    assertThatThrownBy(() -> load(text)).isInstanceOfSatisfying(ScenarioException.class,
        e -> assertThat(e.getMessage()).startsWith("scenario line ").contains("not well-formed YAML"));
    failsAt(() -> load(example().replace("  corporate: 0.05", "  corporate: lots")),
        9, "population.corporate", "expected a number");
  }

  @Test
  void aRequiredKeyMissingIsNamed() throws IOException {
    failsAt(() -> load(example().replace("seed: 7\n", "")), 1, "seed", "required");
    failsAt(() -> load(example().replace("rate: 0.05, ", "")), 29, "carriers.CM.tactics[0].rate", "required");
  }

  @Test
  void valuesOutOfRangeAreErrors() throws IOException {
    failsAt(() -> load(example().replace("cancel: 0.01", "cancel: 1.5")), 20, "demand.cancel", "probability");
    failsAt(() -> load(example().replace("CT: 0.18,", "CT: 0.28,")), 8, "population.share", "sum to");
    failsAt(() -> load(example().replace("format: 1", "format: 2")), 1, "format", "format 1 only");
    failsAt(() -> load(example().replace("median: 1s, p99: 5s", "median: 5s, p99: 1s")),
        23, "carriers.CM.answer_time.p99", "below the median");
    failsAt(() -> load(example().replace("subscribers: 100000", "subscribers: 0")),
        7, "population.subscribers", "whole number from 1");
  }

  @Test
  void durationsTakeMillisecondsSecondsMinutesAndHours() throws IOException {
    assertThat(load(example().replace("retry_delay: 30s", "retry_delay: 250ms")).demand().retryDelay())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(load(example().replace("duration: 60s", "duration: 2h")).duration()).isEqualTo(Duration.ofHours(2));
    assertThat(load(example().replace("duration: 60s", "duration: 5m")).duration()).isEqualTo(Duration.ofMinutes(5));
    failsAt(() -> load(example().replace("retry_delay: 30s", "retry_delay: 30")),
        18, "demand.retry_delay", "expected a duration");
    failsAt(() -> load(example().replace("retry_delay: 30s", "retry_delay: 1.5s")),
        18, "demand.retry_delay", "expected a duration");
  }

  @Test
  void everyTacticReadsItsFixedParameters() throws IOException {
    String tactics = String.join("\n",
        "      - {tactic: repeat_rejection, share: 0.1}",
        "      - {tactic: silence, rate: 0.2}",
        "      - {tactic: ignore_eligibility, rate: 0.3}",
        "      - {tactic: off_list_reason, rate: 0.4}",
        "      - {tactic: refutable_claim, rate: 0.5, reason: NOT_REAL_NAME}",
        "      - {tactic: slow_routing_ack, rate: 0.6, delay: 40s}",
        "      - {tactic: late_deactivation, rate: 0.7, delay: never}",
        "      - {tactic: retention, rate: 0.8}",
        "      - {tactic: bulk_channel, share: 0.9, burst: 40}",
        "      - {tactic: code_guessing, rate: 0.15}");
    Scenario s = load(example() + tactics + "\n");
    assertThat(s.carrier("CM").tactics()).hasSize(11).contains(
        new TacticSpec.RepeatRejection(0.1), new TacticSpec.Silence(0.2), new TacticSpec.IgnoreEligibility(0.3),
        new TacticSpec.OffListReason(0.4), new TacticSpec.RefutableClaim(0.5, "NOT_REAL_NAME"),
        new TacticSpec.SlowRoutingAck(0.6, Duration.ofSeconds(40)),
        new TacticSpec.LateDeactivation(0.7, Optional.empty()), new TacticSpec.Retention(0.8),
        new TacticSpec.BulkChannel(0.9, 40), new TacticSpec.CodeGuessing(0.15));
    failsAt(() -> load(example() + "      - {tactic: silence, rate: 0.2, delay: 3s}\n"),
        30, "carriers.CM.tactics[1].delay", "no such key");
    failsAt(() -> load(example() + "      - {tactic: false_reason, rate: 0.2, reason: UNPAID_CHARGES,"
        + " lie_at_query: 0, evidence: fresh}\n"), 30, "carriers.CM.tactics[1]", "already uses false_reason");
  }

  @Test
  void anEmptyFileIsAnError() {
    failsAt(() -> load(""), 0, "", "empty");
  }
}
