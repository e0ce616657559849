package npc.gateway.server.tls;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the certificate registry, read whole at each {@link #refresh()} (every few seconds), so
 * that a Hello costs no database read and a revocation made on any instance reaches every instance. Until the first
 * successful read it knows no certificate, and refuses every one.
 */
public final class CertificateRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRegistry.class);

  private final CarrierCertificates store;
  private volatile Map<CertificateFingerprint, RegisteredCertificate> known = Map.of();

  public CertificateRegistry(CarrierCertificates store) {
    this.store = store;
  }

  /** Reads the registry again; keeps the last copy if the database does not answer. */
  public boolean refresh() {
    try {
      known = store.all().stream()
          .collect(Collectors.toUnmodifiableMap(RegisteredCertificate::fingerprint, Function.identity(), (a, b) -> a));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("The certificate registry could not be read; the last copy stays in use: {}", e.toString());
      return false;
    }
  }

  public Optional<RegisteredCertificate> find(CertificateFingerprint fingerprint) {
    return Optional.ofNullable(known.get(fingerprint));
  }
}
