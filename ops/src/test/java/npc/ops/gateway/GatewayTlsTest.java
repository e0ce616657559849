package npc.ops.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.core.carrier.RegisteredCertificate;
import npc.gateway.server.tls.DevelopmentPki;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.ops.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTlsTest {
  private static final Regime CN = RegimeLoader.builtIn("cn");

  @TempDir
  Path dir;
  private final Map<CertificateFingerprint, CarrierId> registered = new HashMap<>();
  private final CarrierCertificates registry = new CarrierCertificates() {
    @Override
    public void register(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter, Instant at) {
      registered.put(fingerprint, carrier);
    }

    @Override
    public boolean registerNew(CarrierId carrier, CertificateFingerprint fingerprint, Instant notAfter,
        Instant at) {
      return registered.putIfAbsent(fingerprint, carrier) == null;
    }

    @Override
    public boolean revoke(CertificateFingerprint fingerprint, Instant at) {
      return registered.remove(fingerprint) != null;
    }

    @Override
    public List<RegisteredCertificate> all() {
      return List.of();
    }
  };

  @Test
  void theDevelopmentPkiRegistersTheCertificateItIssuesForEachParticipant() throws Exception {
    GatewayTls.context(configuration(dir.resolve("pki")), CN, registry);

    for (CarrierId carrier : CN.carriers().participants()) {
      X509Certificate certificate = DevelopmentPki.readCertificate(
          dir.resolve("pki/carriers").resolve(carrier.value() + ".pem"));
      assertThat(registered).containsEntry(CertificateFingerprint.of(certificate.getEncoded()), carrier);
    }
    assertThat(registered).hasSize(CN.carriers().participants().size());
  }

  @Test
  void theFirstStartCreatesADevelopmentPkiForEveryParticipantAndLaterStartsReuseIt() throws Exception {
    GatewayConfiguration configuration = configuration(dir.resolve("pki"));

    assertThat(GatewayTls.context(configuration, CN, registry).isServer()).isTrue();
    Path pki = dir.resolve("pki");
    assertThat(pki.resolve("carriers")).isDirectoryContaining("glob:**/CM.pem").isDirectoryContaining(
        "glob:**/CBN-key.pem").isDirectoryNotContaining("glob:**/SAT.pem");
    String ca = Files.readString(pki.resolve("ca.pem"));

    GatewayTls.context(configuration, CN, registry);
    assertThat(Files.readString(pki.resolve("ca.pem"))).as("the CA of the first start").isEqualTo(ca);
  }

  @Test
  void aPkiWithoutItsServerCertificateIsRefusedWithWhatToDo() throws Exception {
    GatewayConfiguration configuration = configuration(dir.resolve("pki"));
    GatewayTls.context(configuration, CN, registry);
    Files.delete(dir.resolve("pki/server.pem"));

    assertThatThrownBy(() -> GatewayTls.context(configuration, CN, registry))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("no readable server.pem")
        .hasMessageContaining("delete the directory");
  }

  @Test
  void theOperatorsOwnMaterialNeedsAllThreeFilesAndCreatesNoPki() {
    GatewayConfiguration configuration = configuration(dir.resolve("pki"));
    configuration.getTls().setCa(dir.resolve("ca.pem").toString());

    assertThatThrownBy(() -> GatewayTls.context(configuration, CN, registry))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("npc.gateway.tls.ca: cannot read");
    configuration.getTls().setCa("");
    configuration.getTls().setKey(dir.resolve("key.pem").toString());
    assertThatThrownBy(() -> GatewayTls.context(configuration, CN, registry))
        .hasMessageContaining("npc.gateway.tls.ca is missing");
    assertThat(dir.resolve("pki")).doesNotExist();
  }

  @Test
  void withTheOperatorsOwnCaTheCarrierCertificatesOfTheNamedDirectoryAreRegistered() throws Exception {
    DevelopmentPki own = DevelopmentPki.create(dir.resolve("own"), "operator CA").issueCarriers(List.of("CM", "CU"));
    GatewayConfiguration configuration = configuration(dir.resolve("pki"));
    configuration.getTls().setCa(own.caCertificate().toString());
    configuration.getTls().setCertificate(own.serverCertificate().toString());
    configuration.getTls().setKey(own.serverKey().toString());
    configuration.getTls().setCarrierCertificates(own.carrierCertificate("CM").getParent().toString());

    GatewayTls.context(configuration, CN, registry);

    for (String carrier : List.of("CM", "CU")) {
      X509Certificate certificate = DevelopmentPki.readCertificate(own.carrierCertificate(carrier));
      assertThat(registered).containsEntry(CertificateFingerprint.of(certificate.getEncoded()), new CarrierId(carrier));
    }
    assertThat(registered).hasSize(2);
    assertThat(dir.resolve("pki")).doesNotExist();
  }

  private static GatewayConfiguration configuration(Path pkiDir) {
    GatewayConfiguration configuration = new GatewayConfiguration(new GatewayConfiguration.Tls());
    configuration.setPkiDir(pkiDir.toString());
    return configuration;
  }
}
