package npc.gateway.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import npc.core.carrier.CarrierId;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ClientCertificates} refuses beyond what the operator's API test reaches: a CA's certificate, a
 * server's, a request's weak or unusable key, and a CA key that is not the CA certificate's.
 */
class ClientCertificatesTest {
  private static final CarrierId CM = new CarrierId("CM");

  @TempDir
  Path dir;

  @Test
  void aCaCertificateAndAServersAreRefusedAndACarriersPasses() {
    DevelopmentPki pki = DevelopmentPki.create(dir, "test CA").issueCarriers(List.of("CM"));
    List<X509Certificate> trusted = ClientCertificates.readCertificates(pki.caCertificate());
    Instant now = Instant.now();

    assertThat(ClientCertificates.refusal(read(pki.carrierCertificate("CM")), CM, trusted, now)).isEmpty();
    assertThat(ClientCertificates.refusal(trusted.get(0), CM, trusted, now)).hasValueSatisfying(
        r -> assertThat(r).contains("a CA's"));
    assertThat(ClientCertificates.refusal(read(pki.serverCertificate()), CM, trusted, now)).hasValueSatisfying(
        r -> assertThat(r).contains("client authentication"));
    assertThat(ClientCertificates.refusal(read(pki.carrierCertificate("CM")), new CarrierId("CU"), trusted, now))
        .hasValueSatisfying(r -> assertThat(r).contains("the carrier id CU"));
  }

  @Test
  void aRequestWithAWeakRsaKeyOrAnEdwardsKeyIsRefusedAndAStrongOneIssued() throws Exception {
    DevelopmentPki pki = DevelopmentPki.create(dir, "test CA");
    X509Certificate ca = read(pki.caCertificate());
    PrivateKey caKey = ClientCertificates.readPrivateKey(pki.directory().resolve("ca-key.pem"));

    assertThatThrownBy(() -> ClientCertificates.issue(ClientCertificates.parseRequest(csr(rsa(1024),
        "SHA256withRSA")), CM, ca, caKey, Instant.now())).isInstanceOf(ClientCertificates.Invalid.class)
        .hasMessageContaining("at least 2048");
    assertThatThrownBy(() -> ClientCertificates.parseRequest(csr(KeyPairGenerator.getInstance("Ed25519")
        .generateKeyPair(), "Ed25519"))).isInstanceOf(ClientCertificates.Invalid.class)
        .hasMessageContaining("EC or RSA");

    KeyPair strong = rsa(2048);
    X509Certificate issued = ClientCertificates.issue(ClientCertificates.parseRequest(csr(strong, "SHA256withRSA")),
        CM, ca, caKey, Instant.now());
    assertThat(issued.getPublicKey()).isEqualTo(strong.getPublic());
    assertThat(issued.getNotAfter()).isBeforeOrEqualTo(ca.getNotAfter());
    assertThat(ClientCertificates.refusal(issued, CM, List.of(ca), Instant.now())).isEmpty();
  }

  @Test
  void aCaKeyThatIsNotTheCaCertificatesIssuesNothing() throws Exception {
    DevelopmentPki pki = DevelopmentPki.create(dir.resolve("one"), "one CA");
    DevelopmentPki other = DevelopmentPki.create(dir.resolve("other"), "other CA");
    PrivateKey otherKey = ClientCertificates.readPrivateKey(other.directory().resolve("ca-key.pem"));
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));

    assertThatThrownBy(() -> ClientCertificates.issue(ClientCertificates.parseRequest(csr(ec.generateKeyPair(),
        "SHA256withECDSA")), CM, read(pki.caCertificate()), otherKey, Instant.now()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not belong to the CA certificate");
  }

  private static X509Certificate read(Path pem) {
    return DevelopmentPki.readCertificate(pem);
  }

  private static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  private static String csr(KeyPair keys, String algorithm) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=whoever"), keys.getPublic())
          .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }
    return text.toString();
  }
}
