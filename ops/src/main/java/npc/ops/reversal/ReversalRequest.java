package npc.ops.reversal;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/v1/ports/{id}/reversal}: the reference of the regulator's approval document. */
@Serdeable
public record ReversalRequest(
    @NotNull @Pattern(regexp = "[A-Za-z0-9._:/-]{1,64}", message = "must be an approval reference of 1 to 64 "
        + "letters, digits or . _ : / - such as MIIT-2026-0042") String reference) {}
