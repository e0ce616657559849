package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import npc.core.carrier.CertificateFingerprint;
import npc.gateway.server.tls.DevelopmentPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code npc carriers} against the running service: list, suspend and resume, a certificate issued from a request,
 * listed and revoked, and a refusal's exit code.
 */
class CarriersCommandIT {
  private final RunningService service = RunningService.get();

  @TempDir
  Path dir;

  @Test
  void suspendListAndResumeACarrier() {
    Cli.Run suspended = Cli.asOperator(service, "carriers", "suspend", "CBN", "--reason", "audit pending");
    assertThat(suspended.code()).as(suspended.err()).isZero();
    assertThat(suspended.out()).startsWith("suspended CBN ").contains("SUSPENDED", "audit pending");

    Cli.Run list = Cli.asOperator(service, "carriers", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).startsWith("ID ").containsPattern("CBN +SUSPENDED").containsPattern("CM +active");

    Cli.Run resumed = Cli.asOperator(service, "carriers", "resume", "CBN");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).startsWith("resumed CBN ").contains("active");

    Cli.Run again = Cli.asOperator(service, "carriers", "resume", "CBN");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("npc carriers resume: 409: carrier CBN is not suspended");
    assertThat(Cli.asOperator(service, "carriers", "suspend", "ZZ9").err()).contains("404");
  }

  @Test
  void issueListAndRevokeACertificate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=CBN"), keys.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
    Path csr = Files.writeString(dir.resolve("CBN.csr"), text.toString());
    Path certificate = dir.resolve("CBN.pem");

    Cli.Run issued = Cli.asOperator(service, "carriers", "issue", "CBN", csr.toString(), "--out",
        certificate.toString());
    assertThat(issued.code()).as(issued.err()).isZero();
    String fingerprint = CertificateFingerprint.of(DevelopmentPki.readCertificate(certificate).getEncoded()).value();
    assertThat(issued.out()).startsWith("issued " + fingerprint + "  valid");

    Cli.Run list = Cli.asOperator(service, "carriers", "certificates", "CBN");
    assertThat(list.code()).isZero();
    assertThat(list.out()).startsWith("FINGERPRINT ").containsPattern(fingerprint + " +valid");

    Cli.Run revoked = Cli.asOperator(service, "carriers", "revoke", "CBN", fingerprint);
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("revoked " + fingerprint + "  REVOKED");
    Cli.Run again = Cli.asOperator(service, "carriers", "revoke", "CBN", fingerprint);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("npc carriers revoke: 409: certificate " + fingerprint + " was revoked already");
    assertThat(Cli.asOperator(service, "carriers", "register", "CBN", dir.resolve("none.pem").toString()).code())
        .as("an unreadable file").isEqualTo(2);
  }
}
