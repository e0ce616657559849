package npc.gateway.server.session;

import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.Objects;
import npc.core.carrier.CertificateFingerprint;

/**
 * The registered certificate a session was opened with: the revocation watch closes the session if it is revoked,
 * and the session ends at {@code notAfter} at the latest.
 */
public record Credential(CertificateFingerprint fingerprint, Instant notAfter) {
  /** Where a channel keeps its credential once the handshake is done. */
  public static final AttributeKey<Credential> KEY = AttributeKey.valueOf(Credential.class, "credential");

  public Credential {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(notAfter, "notAfter");
  }
}
