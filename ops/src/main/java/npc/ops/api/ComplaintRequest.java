package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/complaints}: the port complained of, the carrier complained about (its donor or
 * recipient), the kind of step disputed (default a donor's rejection), the disputed reason code if any, a note.
 */
@Serdeable
public record ComplaintRequest(
    @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a port id (a UUID)") String port,
    @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9]{1,7}", message = "must be a carrier id such as CM") String against,
    @Nullable @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "must be an audit entry kind such as "
        + "PORT_REJECTED_BY_DONOR") String about,
    @Nullable @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "must be a reason code such as UNPAID_CHARGES")
    String reason,
    @Nullable @Size(max = 2000) String note) {}
