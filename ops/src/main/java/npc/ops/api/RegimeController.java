package npc.ops.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import npc.core.regime.Regime;

/**
 * The regime in force. Every role may read it: the rules and the participants every carrier already knows from
 * its Welcome on the gateway.
 */
@Controller("/api/v1")
@Secured({"OPERATOR", "REGULATOR", "CARRIER"})
class RegimeController {
  private final RegimeView regime;

  RegimeController(Regime regime) {
    this.regime = RegimeView.of(regime);
  }

  @Operation(summary = "The regime in force: its timers, carriers and closed list of rejection reasons")
  @Get("/regime")
  RegimeView regime() {
    return regime;
  }
}
