package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;

/**
 * A number's current state in the store: the port that holds it, who serves it, the version of its route, when it
 * was last ported, and its authorisation code. A number never seen has {@link #EMPTY} state.
 */
public record NumberState(Optional<UUID> openPort, Optional<CarrierId> servingCarrier, long routeVersion,
    Optional<Instant> lastPortedAt, Optional<StoredCode> code) {

  public static final NumberState EMPTY =
      new NumberState(Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty());

  /** An authorisation code as stored: its salted hash, never the code. */
  public record StoredCode(byte[] hash, byte[] salt, Instant issuedAt, Instant expiresAt, Optional<UUID> usedBy) {}
}
