package npc.simulator.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import npc.simulator.scenario.Tactic;
import org.junit.jupiter.api.Test;

class ScoreTest {

  private static final TacticRules RULES = TacticRules.standard();

  private static Map<Used, Long> used(Object... carrierTacticCount) {
    Map<Used, Long> used = new LinkedHashMap<>();
    for (int i = 0; i < carrierTacticCount.length; i += 3) {
      used.put(new Used((String) carrierTacticCount[i], (Tactic) carrierTacticCount[i + 1]),
          ((Number) carrierTacticCount[i + 2]).longValue());
    }
    return used;
  }

  private static Finding f(String carrier, String rule) {
    return new Finding(carrier, rule);
  }

  @Test
  void everyPairRightAndEveryTacticFound() {
    Score s = Score.of(used("CM", Tactic.FALSE_REASON, 40, "CU", Tactic.SILENCE, 7),
        List.of(f("CM", "ELIGIBILITY_CONTRADICTION"), f("CM", "ELIGIBILITY_CONTRADICTION"),
            f("CM", "UPHELD_COMPLAINT"), f("CU", "DEEMED_ACCEPTANCE")), RULES);

    assertThat(s.summary()).isEqualTo("score: precision=1.000 recall=1.000 findings=4 honest_flagged=0");
    assertThat(s.lines()).containsExactly(
        "score: carrier=CM tactic=false_reason requests=40 found=ELIGIBILITY_CONTRADICTION,UPHELD_COMPLAINT"
            + " rules=ELIGIBILITY_CONTRADICTION,EVIDENCE_REUSED,REJECT_THEN_ACCEPT,UPHELD_COMPLAINT",
        "score: carrier=CU tactic=silence requests=7 found=DEEMED_ACCEPTANCE rules=DEEMED_ACCEPTANCE");
  }

  @Test
  void wrongPairsLowerPrecisionMissedTacticsLowerRecallAndHonestCarriersAreCounted() {
    Score s = Score.of(
        used("CM", Tactic.FALSE_REASON, 10, "CM", Tactic.SILENCE, 5, "CT", Tactic.RETENTION, 3),
        List.of(f("CM", "EVIDENCE_REUSED"), f("CM", "SLOW_ROUTING_ACK"), f("CU", "BULK_CHANNEL"),
            f("CU", "BULK_CHANNEL")), RULES);

    // pairs: CM/EVIDENCE_REUSED (right), CM/SLOW_ROUTING_ACK (no tactic of CM), CU/BULK_CHANNEL (honest)
    assertThat(s.precision()).isEqualTo(1 / 3.0);
    // used: CM false_reason (found), CM silence (missed), CT retention (missed)
    assertThat(s.recall()).isEqualTo(1 / 3.0);
    assertThat(s.findings()).isEqualTo(4);
    assertThat(s.honestFlagged()).isEqualTo(2);
    assertThat(s.summary()).isEqualTo("score: precision=0.333 recall=0.333 findings=4 honest_flagged=2");
    assertThat(s.lines()).containsExactly(
        "score: carrier=CM tactic=false_reason requests=10 found=EVIDENCE_REUSED"
            + " rules=ELIGIBILITY_CONTRADICTION,EVIDENCE_REUSED,REJECT_THEN_ACCEPT,UPHELD_COMPLAINT",
        "score: carrier=CM tactic=silence requests=5 found=none rules=DEEMED_ACCEPTANCE",
        "score: carrier=CT tactic=retention requests=3 found=none rules=RETENTION_CANCEL",
        "score: carrier=CM tactic=other wrong=SLOW_ROUTING_ACK",
        "score: carrier=CU tactic=none wrong=BULK_CHANNEL");
  }

  @Test
  void oneRuleThatEvidencesTwoTacticsIsOneCorrectPairAndFindsBoth() {
    Score s = Score.of(used("CM", Tactic.FALSE_REASON, 1, "CM", Tactic.REPEAT_REJECTION, 1),
        List.of(f("CM", "REJECT_THEN_ACCEPT")), RULES);
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(1.0);
  }

  @Test
  void theSameRuleAboutAnotherCarrierIsAnotherPair() {
    Score s = Score.of(used("CM", Tactic.SILENCE, 1),
        List.of(f("CM", "DEEMED_ACCEPTANCE"), f("CT", "DEEMED_ACCEPTANCE")), RULES);
    assertThat(s.precision()).isEqualTo(0.5);
    assertThat(s.honestFlagged()).isEqualTo(1);
  }

  @Test
  void noFindingsAndNoTacticsIsAPerfectScore() {
    assertThat(Score.of(Map.of(), List.of(), RULES).summary())
        .isEqualTo("score: precision=1.000 recall=1.000 findings=0 honest_flagged=0");
    Score missedAll = Score.of(used("CM", Tactic.SILENCE, 9), List.of(), RULES);
    assertThat(missedAll.precision()).isEqualTo(1.0);
    assertThat(missedAll.recall()).isZero();
  }

  @Test
  void theTableIsTheIssues() {
    assertThat(RULES.of(Tactic.FALSE_REASON)).containsExactly(
        "ELIGIBILITY_CONTRADICTION", "EVIDENCE_REUSED", "REJECT_THEN_ACCEPT", "UPHELD_COMPLAINT");
    assertThat(RULES.of(Tactic.REPEAT_REJECTION)).containsExactly(
        "REJECT_THEN_ACCEPT", "REPEATED_REJECTION", "UPHELD_COMPLAINT");
    assertThat(RULES.of(Tactic.REFUTABLE_CLAIM)).containsExactly("REFUTED_CLAIM");
    assertThat(RULES.of(Tactic.BULK_CHANNEL)).containsExactly("BULK_CHANNEL");
    for (Tactic t : Tactic.values()) {
      assertThat(RULES.of(t)).as(t.id()).isNotEmpty();
    }
  }
}
