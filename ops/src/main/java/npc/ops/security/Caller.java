package npc.ops.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/**
 * Who makes an API request, as the controllers need it: the token's id (for the record of who did what), its role,
 * and the carrier a carrier's token is bound to.
 */
public record Caller(String tokenId, Role role, @Nullable String carrier) {

  public static Caller of(Authentication authentication) {
    Role role = authentication.getRoles().stream().map(Role::parse).findFirst()
        .orElseThrow(() -> new IllegalStateException("an authenticated caller without a role"));
    Object carrier = authentication.getAttributes().get(BearerTokenValidator.CARRIER_ATTRIBUTE);
    return new Caller(authentication.getName(), role, carrier == null ? null : carrier.toString());
  }

  /**
   * This caller as the actor of an audit entry: {@code ROLE:<token id>}, which names who acted without a secret and
   * never reads as a carrier id.
   */
  public String actor() {
    return role.name() + ":" + tokenId;
  }

  /** Whether this caller may see the data of {@code carrierId}: every operator and regulator, a carrier its own. */
  public boolean maySee(String carrierId) {
    return role != Role.CARRIER || carrier.equals(carrierId);
  }

  /** The carrier this caller is restricted to, if it is a carrier. */
  public Optional<String> restrictedTo() {
    return role == Role.CARRIER ? Optional.of(carrier) : Optional.empty();
  }
}
