package npc.ops.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Objects;

/**
 * A token as stored and listed: everything but its secret, which exists only in the hands of whoever created it.
 *
 * @param carrier   the carrier a {@link Role#CARRIER} token is bound to; null for the other roles
 * @param createdBy the id of the token that created it ({@code development} for the first start's tokens)
 * @param revokedAt when it was revoked; null while it is valid
 */
@Serdeable
public record ApiToken(String id, Role role, @Nullable String carrier, String label, Instant createdAt,
    String createdBy, @Nullable Instant revokedAt) {

  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    if ((role == Role.CARRIER) != (carrier != null)) {
      throw new IllegalArgumentException("a CARRIER token, and only it, names its carrier");
    }
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
