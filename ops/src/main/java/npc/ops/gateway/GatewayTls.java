package npc.ops.gateway;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.core.regime.Regime;
import npc.gateway.server.tls.DevelopmentPki;
import npc.gateway.server.tls.ServerTls;
import npc.ops.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TLS material. An operator names their own CA and server certificate ({@code npc.gateway.tls.*});
 * otherwise the first start creates a development PKI in {@code npc.gateway.pki-dir}, with a certificate for every
 * participant carrier of the regime, registered in the certificate registry at every start, so that carriers (or the simulator) can connect on a laptop with no setup,
 * and later starts reuse it, so that certificates handed out stay valid.
 */
final class GatewayTls {
  static final String DEVELOPMENT_CA_NAME = "npc development CA";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayTls.class);

  private GatewayTls() {}

  static SslContext context(GatewayConfiguration configuration, Regime regime, CarrierCertificates registry) {
    GatewayConfiguration.Tls own = configuration.getTls();
    if (own.isSet()) {
      Path ca = readable("npc.gateway.tls.ca", own.getCa());
      Path certificate = readable("npc.gateway.tls.certificate", own.getCertificate());
      Path key = readable("npc.gateway.tls.key", own.getKey());
      if (!own.getCaKey().isBlank() && !Files.isReadable(Path.of(own.getCaKey()))) {
        throw new StartupException("npc.gateway.tls.ca-key: cannot read " + own.getCaKey());
      }
      LOG.info("Carrier gateway TLS: carriers' CA {}, server certificate {}", ca, certificate);
      if (!own.getCarrierCertificates().isBlank()) {
        Path directory = Path.of(own.getCarrierCertificates());
        if (!Files.isDirectory(directory)) {
          throw new StartupException("npc.gateway.tls.carrier-certificates: " + directory + " is not a directory");
        }
        List<String> carriers = regime.carriers().participants().stream().map(CarrierId::value).toList();
        register(id -> directory.resolve(id + ".pem"), carriers, registry);
        LOG.info("Registered the carriers' certificates found in {} (<CARRIER>.pem)", directory);
      }
      return ServerTls.context(ca, certificate, key);
    }
    Layout pki = new Layout(Path.of(configuration.getPkiDir()));
    List<String> carriers = regime.carriers().participants().stream().map(CarrierId::value).toList();
    if (Files.exists(pki.ca())) {
      reuse(pki, carriers);
    } else {
      create(pki, carriers);
    }
    register(pki::carrierCertificate, carriers, registry);
    return ServerTls.context(pki.ca(), pki.serverCertificate(), pki.serverKey());
  }

  private static void create(Layout pki, List<String> carriers) {
    ownerOnlyDirectory(pki.directory());
    DevelopmentPki.create(pki.directory(), DEVELOPMENT_CA_NAME).issueCarriers(carriers);
    LOG.info("Created a development PKI (not for production): CA {}, server certificate {}, carrier certificates "
        + "and keys {} and {} for {}; carriers connect to the gateway with these", pki.ca(), pki.serverCertificate(),
        pki.carrierCertificate("<ID>"), pki.carrierKey("<ID>"), String.join(", ", carriers));
  }

  private static void reuse(Layout pki, List<String> carriers) {
    for (Map.Entry<String, Path> part : Map.of("server.pem", pki.serverCertificate(),
        "server-key.pem", pki.serverKey()).entrySet()) {
      if (!Files.isReadable(part.getValue())) {
        throw new StartupException("the development PKI in " + pki.directory() + " has no readable "
            + part.getKey() + "; delete the directory to have npc create a new one, or point npc.gateway.pki-dir "
            + "elsewhere");
      }
    }
    List<String> missing = carriers.stream().filter(id -> !Files.exists(pki.carrierCertificate(id))).toList();
    if (!missing.isEmpty()) {
      LOG.warn("The development PKI in {} has no certificate for {}: those carriers cannot connect. It was created "
          + "for another regime; delete the directory to have npc create a new one", pki.directory(), missing);
    }
    LOG.info("Using the development PKI in {}: CA {}, carrier certificates and keys {} and {}", pki.directory(),
        pki.ca(), pki.carrierCertificate("<ID>"), pki.carrierKey("<ID>"));
  }

  /**
   * Registers the certificates of the regime's carriers found at {@code certificateOf}, so that the gateway, which
   * accepts registered certificates only, accepts them; again at every start, for a new keyspace may meet an old
   * directory. A revocation stays: registering writes neither over it nor under it.
   */
  private static void register(Function<String, Path> certificateOf, List<String> carriers,
      CarrierCertificates registry) {
    Instant now = Instant.now();
    for (String id : carriers) {
      Path pem = certificateOf.apply(id);
      if (Files.exists(pem)) {
        X509Certificate certificate = DevelopmentPki.readCertificate(pem);
        try {
          registry.register(new CarrierId(id), CertificateFingerprint.of(certificate.getEncoded()),
              certificate.getNotAfter().toInstant(), now);
        } catch (CertificateEncodingException e) {
          throw new StartupException("cannot read the carrier certificate " + pem + ": " + e, e);
        }
      }
    }
  }

  /** The CA's key is written beside the certificates: keep the directory to its owner where the system allows. */
  private static void ownerOnlyDirectory(Path directory) {
    try {
      if (!Files.exists(directory)) {
        Files.createDirectories(directory);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new StartupException("cannot create the development PKI directory " + directory + ": " + e, e);
    }
  }

  private static Path readable(String key, String value) {
    if (value.isBlank()) {
      throw new StartupException("npc.gateway.tls.ca, .certificate and .key go together: " + key + " is missing "
          + "(set all three, or none for the development PKI)");
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new StartupException(key + ": cannot read " + path);
    }
    return path;
  }

  /** Where {@link DevelopmentPki} puts each file (its documented layout), for a PKI created at an earlier start. */
  record Layout(Path directory) {
    Path ca() {
      return directory.resolve("ca.pem");
    }

    Path caKey() {
      return directory.resolve("ca-key.pem");
    }

    Path serverCertificate() {
      return directory.resolve("server.pem");
    }

    Path serverKey() {
      return directory.resolve("server-key.pem");
    }

    Path carrierCertificate(String id) {
      return directory.resolve("carriers").resolve(id + ".pem");
    }

    Path carrierKey(String id) {
      return directory.resolve("carriers").resolve(id + "-key.pem");
    }
  }
}
