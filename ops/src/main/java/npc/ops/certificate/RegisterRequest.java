package npc.ops.certificate;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/carriers/{carrier}/certificates}: the carrier's certificate, PEM. */
@Serdeable
public record RegisterRequest(
    @NotBlank(message = "must be one PEM certificate") @Size(max = 16_384) String certificate) {}
