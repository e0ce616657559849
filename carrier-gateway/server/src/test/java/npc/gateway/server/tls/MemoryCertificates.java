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
  public boolean registerNew(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at) {
    return all.putIfAbsent(fingerprint, new RegisteredCertificate(fingerprint, carrier, notAfter, at,
        Optional.empty())) == null;
  }

  @Override
  public boolean revoke(CertificateFingerprint fingerprint, Instant at) {
    RegisteredCertificate before = all.get(fingerprint);
    return before != null && !before.isRevoked() && all.replace(fingerprint, before, new RegisteredCertificate(
        fingerprint, before.carrier(), before.notAfter(), before.registeredAt(), Optional.of(at)));
  }

  @Override
  public List<RegisteredCertificate> all() {
    return new ArrayList<>(all.values());
  }
}
