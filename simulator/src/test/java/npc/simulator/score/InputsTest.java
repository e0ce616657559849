package npc.simulator.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import npc.simulator.scenario.Tactic;
import org.junit.jupiter.api.Test;

class InputsTest {

  private static final String FINDING = "{\"carrier\":\"CM\",\"rule\":\"EVIDENCE_REUSED\",\"from\":\"2026-12-01T00:00:00Z\","
      + "\"to\":\"2026-12-02T00:00:00Z\",\"severity\":\"LOW\",\"summary\":\"CM cited one agreement for 7 numbers: yes\","
      + "\"evidence\":[{\"chain\":\"0\",\"position\":12}]}";

  @Test
  void readsTheApisArrayAnObjectWithFindingsAndJsonLines() {
    Finding cm = new Finding("CM", "EVIDENCE_REUSED");
    assertThat(Inputs.findings("[" + FINDING + "," + FINDING.replace("CM", "CU") + "]"))
        .containsExactly(cm, new Finding("CU", "EVIDENCE_REUSED"));
    assertThat(Inputs.findings("{\"findings\":[" + FINDING + "]}")).containsExactly(cm);
    assertThat(Inputs.findings(FINDING.replace("{\"carrier", "{\"type\":\"finding\",\"carrier") + "\n"
        + "{\"type\":\"insufficient\",\"carrier\":\"CT\",\"rule\":\"SLOW_ROUTING_ACK\"}\n"
        + FINDING + "\n")).containsExactly(cm, cm);
    assertThat(Inputs.findings("[]")).isEmpty();
    assertThat(Inputs.findings("")).isEmpty();
  }

  @Test
  void aFindingWithoutCarrierOrRuleOrNotJsonIsAClearError() {
    assertThatThrownBy(() -> Inputs.findings("[{\"carrier\":\"CM\"}]"))
        .isInstanceOf(ScoreInputException.class).hasMessageContaining("\"rule\"");
    assertThatThrownBy(() -> Inputs.findings("[1, 2]"))
        .isInstanceOf(ScoreInputException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Inputs.findings("{\"carrier\": \n {{{"))
        .isInstanceOf(ScoreInputException.class).hasMessageContaining("not JSON");
  }

  @Test
  void truthCountsTheRequestsEachTacticTouched() {
    String truth = "{\"carrier\":\"CM\",\"tactic\":\"false_reason\",\"request\":\"port\",\"ids\":{\"port\":\"1\"}}\n"
        + "{\"carrier\":\"CM\",\"tactic\":\"false_reason\",\"request\":\"query\",\"ids\":{\"query\":\"2\"}}\n"
        + "{\"carrier\":\"CU\",\"tactic\":\"silence\",\"request\":\"port\",\"ids\":{\"port\":\"3\"}}\n";
    assertThat(Inputs.truth(truth)).isEqualTo(Map.of(
        new Used("CM", Tactic.FALSE_REASON), 2L, new Used("CU", Tactic.SILENCE), 1L));
    assertThatThrownBy(() -> Inputs.truth("{\"carrier\":\"CM\",\"tactic\":\"bribery\"}\n"))
        .isInstanceOf(ScoreInputException.class).hasMessageContaining("unknown tactic 'bribery'");
  }
}
