package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/tokens}. */
@Serdeable
public record TokenRequest(
    @NotNull @Pattern(regexp = "OPERATOR|REGULATOR|CARRIER|METRICS",
        message = "must be OPERATOR, REGULATOR, CARRIER or METRICS")
    String role,
    @Nullable @Pattern(regexp = "[A-Z][A-Z0-9]{1,7}", message = "must be a carrier id such as CM")
    String carrier,
    @Nullable @Size(max = 200) String label) {}
