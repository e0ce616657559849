package npc.ops.certificate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import npc.core.carrier.RegisteredCertificate;

/**
 * A carrier's registered certificate: its fingerprint (SHA-256 of the DER certificate, hex), until when the
 * gateway accepts it, when it was registered and revoked; {@code certificate} is the PEM of one just issued.
 */
@Serdeable
public record CertificateView(String carrier, String fingerprint, Instant notAfter, Instant registeredAt,
    @Nullable Instant revokedAt, @Nullable String certificate) {

  static CertificateView of(RegisteredCertificate registered) {
    return new CertificateView(registered.carrier().value(), registered.fingerprint().value(), registered.notAfter(),
        registered.registeredAt(), registered.revokedAt().orElse(null), null);
  }

  CertificateView withCertificate(String pem) {
    return new CertificateView(carrier, fingerprint, notAfter, registeredAt, revokedAt, pem);
  }
}
