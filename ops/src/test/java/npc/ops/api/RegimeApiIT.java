package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;

/** The regime in force and its carriers, as the service's configuration (npc.regime, default cn) says. */
class RegimeApiIT {
  private final RunningService service = RunningService.get();

  @Test
  void theRegimeInForceWithItsTimersCarriersAndReasons() {
    HttpResponse<String> regime = service.get("/api/v1/regime", service.developmentToken(Role.REGULATOR));
    assertThat(regime.statusCode()).as(regime.body()).isEqualTo(200);
    assertThat(regime.body()).contains("\"id\":\"cn\"", "\"zone\":\"Asia/Shanghai\"", "\"donorAnswer\":\"PT",
        "\"reasons\":[{\"code\":");
  }

  @Test
  void theCarriersOfTheRegime() {
    HttpResponse<String> carriers = service.get("/api/v1/carriers", service.developmentToken(Role.OPERATOR));
    assertThat(carriers.statusCode()).isEqualTo(200);
    assertThat(carriers.body()).startsWith("[").contains("\"id\":\"CM\"", "\"id\":\"CU\"", "\"id\":\"CT\"",
        "\"id\":\"CBN\"", "\"routingNumber\":", "\"suspended\":false");
  }
}
