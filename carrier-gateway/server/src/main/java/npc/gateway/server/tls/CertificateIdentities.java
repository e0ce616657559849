package npc.gateway.server.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Collections;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierRegistry;
import npc.core.carrier.CarrierSuspensions;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.session.CarrierIdentities;
import npc.gateway.server.session.Credential;
import npc.gateway.server.session.Identification;

/**
 * The carrier a connection's verified client certificate proves. TLS has already checked the chain to the CA; then
 * the certificate must be registered by fingerprint (SHA-256 of its DER encoding), neither revoked nor expired (its
 * own validity and its registration's), its subject must have exactly one common name, that name must be the
 * carrier it is registered to, and that carrier must take part in porting. A CA issuing a certificate with a
 * carrier's name is therefore not enough: the operator must also register it.
 */
public final class CertificateIdentities implements CarrierIdentities {
  private final CarrierRegistry carriers;
  private final CertificateRegistry certificates;
  private final Clock clock;

  public CertificateIdentities(CarrierRegistry carriers, CertificateRegistry certificates, Clock clock) {
    this.carriers = carriers;
    this.certificates = certificates;
    this.clock = clock;
  }

  @Override
  public Identification identify(Channel channel) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return refused(ErrorCode.UNKNOWN_CARRIER, "no client certificate");
    }
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
        return refused(ErrorCode.UNKNOWN_CARRIER, "no client certificate");
      }
      return identify(certificate);
    } catch (SSLPeerUnverifiedException e) {
      return refused(ErrorCode.UNKNOWN_CARRIER, "no verified client certificate");
    }
  }

  /** The carrier {@code certificate} proves, or why it proves none. */
  Identification identify(X509Certificate certificate) {
    List<String> names = commonNames(certificate);
    if (names.size() != 1) {
      return refused(ErrorCode.AMBIGUOUS_IDENTITY, "the client certificate's subject has " + names.size()
          + " common names; exactly one, the carrier id, is required");
    }
    Optional<CarrierId> named = carrierId(names.get(0));
    CertificateFingerprint fingerprint;
    try {
      fingerprint = CertificateFingerprint.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      return refused(ErrorCode.CERTIFICATE_NOT_REGISTERED, "the client certificate cannot be encoded");
    }
    Optional<RegisteredCertificate> registered = certificates.find(fingerprint);
    if (registered.isEmpty() || named.isEmpty() || !registered.get().carrier().equals(named.get())) {
      return refused(ErrorCode.CERTIFICATE_NOT_REGISTERED, "the client certificate (SHA-256 " + fingerprint
          + ") is not registered for the carrier its common name names");
    }
    if (registered.get().isRevoked()) {
      return refused(ErrorCode.CERTIFICATE_REVOKED, "the client certificate (SHA-256 " + fingerprint
          + ") was revoked");
    }
    Instant now = clock.instant();
    Instant notAfter = earliest(registered.get().notAfter(), certificate.getNotAfter().toInstant());
    if (!now.isBefore(notAfter)) {
      return refused(ErrorCode.CERTIFICATE_EXPIRED, "the client certificate (SHA-256 " + fingerprint
          + ") expired at " + notAfter);
    }
    if (!carriers.isParticipant(named.get())) {
      return refused(ErrorCode.UNKNOWN_CARRIER, "the client certificate names no carrier taking part in porting");
    }
    Optional<CarrierSuspensions.Suspension> suspension = certificates.suspension(named.get());
    if (suspension.isPresent()) {
      return refused(ErrorCode.CARRIER_SUSPENDED, suspended(suspension.get()));
    }
    return new Identification.Identified(named.get(), Optional.of(new Credential(fingerprint, notAfter)));
  }

  /** What a suspended carrier is told: that the operator suspended it, since when and why. */
  static String suspended(CarrierSuspensions.Suspension suspension) {
    return "carrier " + suspension.carrier() + " is suspended by the clearinghouse's operator since "
        + suspension.since() + (suspension.reason() == null || suspension.reason().isBlank() ? ""
        : ": " + suspension.reason()) + "; sessions are refused until it is resumed";
  }

  /** Every common name of the subject, in the order the subject lists them. */
  static List<String> commonNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        // A multi-valued RDN can hold a CN too: count each attribute, not each RDN.
        for (Attribute attribute : Collections.list(rdn.toAttributes().getAll())) {
          if (attribute.getID().equalsIgnoreCase("CN")) {
            for (Object value : Collections.list(attribute.getAll())) {
              names.add(String.valueOf(value));
            }
          }
        }
      }
    } catch (NamingException e) {
      return List.of();
    }
    return names;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Identification refused(ErrorCode code, String detail) {
    return new Identification.Refused(code, detail);
  }

  private static Optional<CarrierId> carrierId(String text) {
    try {
      return Optional.of(new CarrierId(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
