package npc.core.carrier;

import java.time.Instant;
import java.util.List;

/**
 * The registry of carriers' client certificates: which certificate (by fingerprint) a carrier may connect with,
 * until when, and which were revoked. The gateway reads it all every few seconds; the operator's endpoint writes it.
 */
public interface CarrierCertificates {
  /** Registers {@code fingerprint} for {@code carrier}, valid until {@code notAfter}. */
  void register(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at);

  /**
   * Registers {@code fingerprint} for {@code carrier} unless the registry knows it already, registered or revoked;
   * whether it did. Of two operators registering the same certificate at once, one is told it is known.
   */
  boolean registerNew(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at);

  /**
   * Revokes a certificate: no new session with it, and open sessions close at the gateways' next refresh. Whether
   * this call revoked it: false when it was revoked already, which keeps the first revocation's time.
   */
  boolean revoke(CertificateFingerprint fingerprint, Instant at);

  /** Every registered certificate, revoked ones included. */
  List<RegisteredCertificate> all();
}
