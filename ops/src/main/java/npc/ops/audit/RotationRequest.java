package npc.ops.audit;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/audit/key/rotation}: why the operator rotates (routine, a suspected leak), kept in
 * the {@code KEY_ROTATED} entry's evidence. Required, so that a rotation is never asked for by an empty body.
 */
@Serdeable
public record RotationRequest(@NotBlank @Size(max = 200) String reason) {}
