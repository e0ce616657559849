package npc.ops.gateway;

import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import npc.gateway.server.tls.ClientCertificates;

/**
 * The CA the gateway trusts for carriers' certificates, as the operator's certificate endpoints need it: its
 * certificates, to check a certificate before it is registered, and its key when the clearinghouse holds it (the
 * development PKI's {@code ca-key.pem}, or {@code npc.gateway.tls.ca-key}), to issue one. Read from the files at each
 * use, so that a development PKI created after this bean is found.
 */
@Singleton
public final class CarrierCa {
  private final GatewayConfiguration configuration;

  CarrierCa(GatewayConfiguration configuration) {
    this.configuration = configuration;
  }

  /** The certificates of the gateway's CA file: a carrier's certificate must be signed by one of them. */
  public List<X509Certificate> trusted() {
    return ClientCertificates.readCertificates(caFile());
  }

  /** The certificate the clearinghouse issues under: the first of the CA file. */
  public X509Certificate issuer() {
    return trusted().stream().findFirst().orElseThrow(() -> new IllegalStateException("the CA file " + caFile()
        + " holds no certificate"));
  }

  /** The CA's private key, if this clearinghouse holds it. */
  public Optional<PrivateKey> key() {
    GatewayConfiguration.Tls own = configuration.getTls();
    Path key = own.isSet() ? (own.getCaKey().isBlank() ? null : Path.of(own.getCaKey()))
        : new GatewayTls.Layout(Path.of(configuration.getPkiDir())).caKey();
    return key == null || !Files.exists(key) ? Optional.empty() : Optional.of(ClientCertificates.readPrivateKey(key));
  }

  private Path caFile() {
    GatewayConfiguration.Tls own = configuration.getTls();
    return own.isSet() ? Path.of(own.getCa()) : new GatewayTls.Layout(Path.of(configuration.getPkiDir())).ca();
  }
}
