package npc.gateway.server.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;

/** The certificate registry in memory, for tests without a database. */
final class MemoryCertificates implements CarrierCertificates {
  private final Map<CertificateFingerprint, RegisteredCertificate> all = new ConcurrentHashMap<>();

  @Override
  public void register(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at) {
    all.put(fingerprint, new RegisteredCertificate(fingerprint, carrier, notAfter, at, Optional.empty()));
  }

  @Override
  public void revoke(CertificateFingerprint fingerprint, Instant at) {
    all.computeIfPresent(fingerprint, (f, c) -> new RegisteredCertificate(f, c.carrier(), c.notAfter(),
        c.registeredAt(), Optional.of(at)));
  }

  @Override
  public List<RegisteredCertificate> all() {
    return new ArrayList<>(all.values());
  }
}
