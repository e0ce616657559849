package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;

/**
 * A number's current state in the store: the port that holds it, who serves it, the version of its route, when it
 * was last ported, and its authorisation code. A number never seen has {@link #EMPTY} state.
 *
 * @param codeVoided the number's last code was void after the regime's number of mismatches and no code was issued
 *     since ({@link #code()} is then empty): a port request is told so rather than that no code was issued
 */
public record NumberState(Optional<UUID> openPort, Optional<CarrierId> servingCarrier, long routeVersion,
    Optional<Instant> lastPortedAt, Optional<StoredCode> code, boolean codeVoided) {

  public static final NumberState EMPTY =
      new NumberState(Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty());

  public NumberState {
    if (codeVoided && code.isPresent()) {
      throw new IllegalArgumentException("a number with a code has no voided code");
    }
  }

  /** A number whose last code, if any, was not voided. */
  public NumberState(Optional<UUID> openPort, Optional<CarrierId> servingCarrier, long routeVersion,
      Optional<Instant> lastPortedAt, Optional<StoredCode> code) {
    this(openPort, servingCarrier, routeVersion, lastPortedAt, code, false);
  }

  /**
   * An authorisation code as stored: its salted, keyed hash, never the code.
   *
   * @param mismatches port requests whose code did not match it so far; at the regime's limit the code is void
   */
  public record StoredCode(byte[] hash, byte[] salt, Instant issuedAt, Instant expiresAt, Optional<UUID> usedBy,
      int mismatches) {

    public StoredCode {
      if (mismatches < 0) {
        throw new IllegalArgumentException("mismatches cannot be negative: " + mismatches);
      }
    }

    /** A code no request mismatched yet: as it is when issued. */
    public StoredCode(byte[] hash, byte[] salt, Instant issuedAt, Instant expiresAt, Optional<UUID> usedBy) {
      this(hash, salt, issuedAt, expiresAt, usedBy, 0);
    }
  }
}
