package npc.ops.audit;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import npc.audit.chain.KeyRotation;
import npc.audit.sign.AuditKeys;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/**
 * The operator rotates the record's signing key on this instance ({@link KeyRotation}); the other instances that
 * share the key file sign with the new key from their next re-read of it, within a second.
 */
@Controller("/api/v1/audit/key")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("OPERATOR")
class KeyRotationController {
  private final KeyRotation rotation;

  KeyRotationController(KeyRotation rotation) {
    this.rotation = rotation;
  }

  @Operation(summary = "Rotate the audit signing key: KEY_ROTATED in the record, covered by the old key, then the "
      + "new key signs")
  @Post("/rotation")
  RotationView rotate(@Body @Valid RotationRequest request, Authentication authentication) {
    try {
      return RotationView.of(rotation.rotate(Caller.of(authentication).actor(), request.reason().strip()));
    } catch (KeyRotation.Running | AuditKeys.FileChanged e) {
      throw ApiException.conflict(e.getMessage());
    }
  }
}
