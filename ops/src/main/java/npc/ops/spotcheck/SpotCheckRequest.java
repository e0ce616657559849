package npc.ops.spotcheck;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/v1/spot-checks}: whose ports, which period ({@code [from, to)}, UTC), how many. */
@Serdeable
public record SpotCheckRequest(
    @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9]{1,7}", message = "must be a carrier id such as CM") String carrier,
    @NotBlank String from,
    @NotBlank String to,
    @NotNull Integer size) {}
