package npc.ops.reversal;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.UUID;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/** The regulator approves the reversal of a completed port (fraud, an unauthorised port). */
@Controller("/api/v1/ports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("REGULATOR")
class ReversalController {
  private final Reversals reversals;

  ReversalController(Reversals reversals) {
    this.reversals = reversals;
  }

  @Operation(summary = "Reverse a completed port on the regulator's approval: the number goes back to its donor")
  @Post("/{id}/reversal")
  ReversalView reverse(@PathVariable UUID id, @Body @Valid ReversalRequest request, Authentication authentication) {
    try {
      return ReversalView.of(reversals.approve(id, request.reference(), Caller.of(authentication).actor()));
    } catch (Reversals.Refusal e) {
      throw e.notFound ? ApiException.notFound("port " + id) : ApiException.conflict(e.getMessage());
    }
  }
}
