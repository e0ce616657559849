package npc.simulator.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import npc.simulator.scenario.Tactic;
import org.junit.jupiter.api.Test;

class TruthLogTest {

  @Test
  void writesOneEscapedJsonObjectALine() throws Exception {
    StringWriter out = new StringWriter();
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("port", "p-\"1\"\\");
    ids.put("msisdn", "+8613800138000");
    try (TruthLog log = new TruthLog(out)) {
      log.touched("CM", Tactic.FALSE_REASON, "port", ids);
      log.touched("CU", Tactic.SILENCE, "port", Map.of("port", "p\n2"));
    }
    assertThat(out.toString()).isEqualTo(
        "{\"carrier\":\"CM\",\"tactic\":\"false_reason\",\"request\":\"port\",\"ids\":{\"port\":\"p-\\\"1\\\"\\\\\","
            + "\"msisdn\":\"+8613800138000\"}}\n"
            + "{\"carrier\":\"CU\",\"tactic\":\"silence\",\"request\":\"port\",\"ids\":{\"port\":\"p\\n2\"}}\n");
  }
}
