package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import npc.ops.complaint.Complaint;

/** The body of {@code POST /api/v1/complaints/{id}/decision}: UPHELD or DISMISSED, and a note. */
@Serdeable
public record DecisionRequest(@NotNull Complaint.Outcome outcome, @Nullable @Size(max = 2000) String note) {}
