package npc.ops.certificate;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import npc.core.porting.PortingService;
import npc.gateway.server.tls.ClientCertificates;
import npc.ops.api.ApiException;
import npc.ops.gateway.CarrierCa;

/**
 * Registers, issues and revokes carriers' client certificates for the operator. A certificate is checked as the
 * gateway would check it before it is registered, so that a registered certificate connects. Each change is
 * recorded before the registry's write, under a step id derived from the fingerprint, so that no change of who may
 * connect goes unrecorded and a retry after a failure between the two records the same step. The writes are
 * conditional: of two operators registering or revoking the same certificate, one is told 409.
 */
public final class Certificates {
  private final CarrierCertificates registry;
  private final CarrierCa ca;
  private final PortingService service;
  private final Clock clock;

  public Certificates(CarrierCertificates registry, CarrierCa ca, PortingService service, Clock clock) {
    this.registry = registry;
    this.ca = ca;
    this.service = service;
    this.clock = clock;
  }

  /** A certificate the clearinghouse's CA issued, as registered. */
  public record Issued(RegisteredCertificate registered, X509Certificate certificate) {}

  /** The certificates registered for {@code carrier}, revoked ones too, oldest first. */
  public List<RegisteredCertificate> of(String carrier) {
    CarrierId id = known(carrier).id();
    return registry.all().stream().filter(c -> c.carrier().equals(id))
        .sorted(Comparator.comparing(RegisteredCertificate::registeredAt)
            .thenComparing(c -> c.fingerprint().value())).toList();
  }

  /** Registers a certificate the operator's CA issued for {@code carrier}, once checked as the gateway checks it. */
  public RegisteredCertificate register(String carrier, String pem, String actor) {
    Carrier known = participant(carrier);
    X509Certificate certificate;
    try {
      certificate = ClientCertificates.parseCertificate(pem);
    } catch (ClientCertificates.Invalid e) {
      throw ApiException.invalid("certificate", "certificate: " + e.getMessage());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<String> refusal = ClientCertificates.refusal(certificate, known.id(), ca.trusted(), now);
    if (refusal.isPresent()) {
      throw ApiException.invalid("certificate", "certificate: " + refusal.get());
    }
    return add(known.id(), certificate, AuditKind.CERTIFICATE_REGISTERED, actor, now);
  }

  /**
   * Issues {@code carrier} a client certificate from the clearinghouse's CA for the key of its request, and
   * registers it; only the request's key is taken from it, the subject is the carrier's.
   */
  public Issued issue(String carrier, String csr, String actor) {
    Carrier known = participant(carrier);
    PrivateKey key = ca.key().orElseThrow(() -> ApiException.conflict("this clearinghouse does not hold its CA's "
        + "key, so it issues no certificates: have the CA issue the carrier's certificate and register it with "
        + "POST /api/v1/carriers/" + carrier + "/certificates (or set npc.gateway.tls.ca-key)"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    X509Certificate certificate;
    try {
      certificate = ClientCertificates.issue(ClientCertificates.parseRequest(csr), known.id(), ca.issuer(), key, now);
    } catch (ClientCertificates.Invalid e) {
      throw ApiException.invalid("csr", "csr: " + e.getMessage());
    }
    return new Issued(add(known.id(), certificate, AuditKind.CERTIFICATE_ISSUED, actor, now), certificate);
  }

  /** Revokes {@code carrier}'s certificate {@code fingerprint}: the gateways refuse it from their next refresh. */
  public RegisteredCertificate revoke(String carrier, String fingerprint, String actor) {
    CarrierId id = known(carrier).id();
    CertificateFingerprint wanted = new CertificateFingerprint(fingerprint);
    RegisteredCertificate registered = registry.all().stream()
        .filter(c -> c.fingerprint().equals(wanted) && c.carrier().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("certificate " + fingerprint + " of carrier " + carrier));
    if (registered.isRevoked()) {
      throw ApiException.conflict("certificate " + fingerprint + " was revoked already, at "
          + registered.revokedAt().get());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    service.record(AuditStep.of(stepId("certificate-revoked:", wanted), AuditKind.CERTIFICATE_REVOKED, now)
        .withActorName(actor).withSubject(fingerprint).with("carrier", carrier));
    if (!registry.revoke(wanted, now)) {
      throw ApiException.conflict("certificate " + fingerprint + " was revoked already");
    }
    return new RegisteredCertificate(wanted, id, registered.notAfter(), registered.registeredAt(), Optional.of(now));
  }

  private RegisteredCertificate add(CarrierId carrier, X509Certificate certificate, AuditKind kind, String actor,
      Instant now) {
    CertificateFingerprint fingerprint = fingerprint(certificate);
    Optional<RegisteredCertificate> earlier = registry.all().stream()
        .filter(c -> c.fingerprint().equals(fingerprint)).findFirst();
    if (earlier.isPresent()) {
      throw ApiException.conflict("certificate " + fingerprint + " is registered already for carrier "
          + earlier.get().carrier() + " since " + earlier.get().registeredAt()
          + earlier.get().revokedAt().map(at -> ", and was revoked at " + at + ": a revocation stays").orElse(""));
    }
    Instant notAfter = certificate.getNotAfter().toInstant();
    service.record(AuditStep.of(stepId("certificate-registered:", fingerprint), kind, now).withActorName(actor)
        .withSubject(fingerprint.value()).with("carrier", carrier.value())
        .with("notAfter", AuditStep.instant(notAfter)).with("serial", certificate.getSerialNumber().toString(16))
        .with("issuer", certificate.getIssuerX500Principal().getName()));
    if (!registry.registerNew(carrier, fingerprint, notAfter, now)) {
      throw ApiException.conflict("certificate " + fingerprint + " is registered already");
    }
    return new RegisteredCertificate(fingerprint, carrier, notAfter, now, Optional.empty());
  }

  private Carrier known(String carrier) {
    return service.regime().carriers().find(new CarrierId(carrier))
        .orElseThrow(() -> ApiException.notFound("carrier " + carrier));
  }

  /** A carrier whose certificates the gateway admits: one of the regime taking part in porting. */
  private Carrier participant(String carrier) {
    Carrier known = known(carrier);
    if (!known.participant()) {
      throw ApiException.conflict("carrier " + carrier + " does not take part in porting: the gateway admits none "
          + "of its certificates");
    }
    return known;
  }

  private static UUID stepId(String prefix, CertificateFingerprint fingerprint) {
    return UUID.nameUUIDFromBytes((prefix + fingerprint.value()).getBytes(StandardCharsets.UTF_8));
  }

  private static CertificateFingerprint fingerprint(X509Certificate certificate) {
    try {
      return CertificateFingerprint.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw ApiException.invalid("certificate", "certificate: it cannot be encoded (" + e.getMessage() + ")");
    }
  }
}
