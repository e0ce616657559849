package npc.ops.conduct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/findings/{id}/confirmation}: the regulator's note (the decision's reference). */
@Serdeable
public record ConfirmationRequest(@Nullable @Size(max = 2000) String note) {}
