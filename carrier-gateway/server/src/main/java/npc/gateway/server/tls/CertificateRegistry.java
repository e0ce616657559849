package npc.gateway.server.tls;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierSuspensions;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import npc.core.storage.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the certificate registry, read whole at each {@link #refresh()} (every few seconds), so
 * that a Hello costs no database read and a revocation made on any instance reaches every instance. Until the first
 * successful read it knows no certificate, and refuses every one.
 */
public final class CertificateRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRegistry.class);
  /** Read again every few seconds: a database outage is told when it starts and ends, not at each reading. */
  private final OutageLog outage = new OutageLog(LOG, "Reading the certificate registry (the last copy stays in use)");

  private final CarrierCertificates store;
  private final CarrierSuspensions suspensions;
  private volatile Map<CertificateFingerprint, RegisteredCertificate> known = Map.of();
  private volatile Map<CarrierId, CarrierSuspensions.Suspension> suspended = Map.of();

  public CertificateRegistry(CarrierCertificates store) {
    this(store, CarrierSuspensions.none());
  }

  /** With the operator's suspensions, read at each refresh with the certificates: a suspension is an admission. */
  public CertificateRegistry(CarrierCertificates store, CarrierSuspensions suspensions) {
    this.store = store;
    this.suspensions = suspensions;
  }

  /** Reads the registry again; keeps the last copy if the database does not answer. */
  public boolean refresh() {
    try {
      Map<CarrierId, CarrierSuspensions.Suspension> nowSuspended = Map.copyOf(suspensions.all());
      known = store.all().stream()
          .collect(Collectors.toUnmodifiableMap(RegisteredCertificate::fingerprint, Function.identity(), (a, b) -> a));
      suspended = nowSuspended;
      outage.succeeded();
      return true;
    } catch (RuntimeException e) {
      outage.failed(e);
      return false;
    }
  }

  /** The operator's suspension of {@code carrier}, as of the last refresh. */
  public Optional<CarrierSuspensions.Suspension> suspension(CarrierId carrier) {
    return Optional.ofNullable(suspended.get(carrier));
  }

  public Optional<RegisteredCertificate> find(CertificateFingerprint fingerprint) {
    return Optional.ofNullable(known.get(fingerprint));
  }
}
