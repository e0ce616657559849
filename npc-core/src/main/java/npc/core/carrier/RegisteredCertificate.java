package npc.core.carrier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client certificate registered for a carrier: valid until {@code notAfter} unless revoked before.
 *
 * @param revokedAt when it was revoked, or empty
 */
public record RegisteredCertificate(CertificateFingerprint fingerprint, CarrierId carrier, Instant notAfter,
    Instant registeredAt, Optional<Instant> revokedAt) {

  public RegisteredCertificate {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean isRevoked() {
    return revokedAt.isPresent();
  }

  /** Whether a carrier may connect with it at {@code now}. */
  public boolean isValidAt(Instant now) {
    return !isRevoked() && now.isBefore(notAfter);
  }
}
