package npc.ops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import npc.gateway.server.tls.DevelopmentPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CA the certificate endpoints use is the one the gateway trusts: the development PKI's, key included, or the
 * operator's, whose key the clearinghouse holds only when {@code npc.gateway.tls.ca-key} names it.
 */
class CarrierCaTest {
  @TempDir
  Path dir;

  @Test
  void theDevelopmentPkiHoldsItsKey() {
    DevelopmentPki pki = DevelopmentPki.create(dir.resolve("pki"), "dev CA");
    GatewayConfiguration configuration = new GatewayConfiguration(new GatewayConfiguration.Tls());
    configuration.setPkiDir(pki.directory().toString());
    CarrierCa ca = new CarrierCa(configuration);

    assertThat(ca.issuer()).isEqualTo(DevelopmentPki.readCertificate(pki.caCertificate()));
    assertThat(ca.key()).isPresent();
  }

  @Test
  void theOperatorsCaHasAKeyOnlyWhenTheSettingNamesIt() {
    DevelopmentPki own = DevelopmentPki.create(dir.resolve("own"), "operator CA");
    GatewayConfiguration configuration = new GatewayConfiguration(new GatewayConfiguration.Tls());
    configuration.setPkiDir(dir.resolve("unused").toString());
    configuration.getTls().setCa(own.caCertificate().toString());
    configuration.getTls().setCertificate(own.serverCertificate().toString());
    configuration.getTls().setKey(own.serverKey().toString());
    CarrierCa ca = new CarrierCa(configuration);

    assertThat(ca.trusted()).containsExactly(DevelopmentPki.readCertificate(own.caCertificate()));
    assertThat(ca.key()).as("the CA's key lies beside its certificate, but is not named").isEmpty();

    configuration.getTls().setCaKey(own.directory().resolve("ca-key.pem").toString());
    assertThat(ca.key()).isPresent();
  }
}
