package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/carriers/{carrier}/suspend}: why, as the carrier will be told. */
@Serdeable
public record SuspendRequest(@Nullable @Size(max = 500) String reason) {}
