package npc.ops.certificate;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/carriers/{carrier}/certificates/issue}: the carrier's PKCS#10 request, PEM. */
@Serdeable
public record IssueRequest(@NotBlank(message = "must be one PEM certificate request") @Size(max = 16_384) String csr) {}
