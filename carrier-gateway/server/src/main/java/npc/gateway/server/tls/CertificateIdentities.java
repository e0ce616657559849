package npc.gateway.server.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierRegistry;
import npc.gateway.server.session.CarrierIdentities;

/**
 * The carrier a connection's verified client certificate names: the common name of its subject, which must be a
 * carrier of the registry that takes part in porting. TLS has already checked the chain to the CA.
 */
public final class CertificateIdentities implements CarrierIdentities {
  private final CarrierRegistry registry;

  public CertificateIdentities(CarrierRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Optional<CarrierId> carrierOf(Channel channel) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
        return Optional.empty();
      }
      return commonName(certificate).flatMap(CertificateIdentities::carrierId).filter(registry::isParticipant);
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  static Optional<String> commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
      return Optional.empty();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  private static Optional<CarrierId> carrierId(String text) {
    try {
      return Optional.of(new CarrierId(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
