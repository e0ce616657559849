package npc.gateway.client;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A PKI in memory, made at test time: a CA, a certificate for the fake gateway on localhost, and client
 * certificates whose common name is the carrier id, as the clearinghouse issues them. ECDSA P-256 throughout.
 */
final class TestPki {
  static final char[] PASSWORD = "test".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final KeyStore gatewayIdentity;

  private TestPki(KeyPair caKeys, X509Certificate ca) throws Exception {
    this.caKeys = caKeys;
    this.ca = ca;
    this.gatewayIdentity = identity("npc gateway", true);
  }

  static TestPki create(String caName) {
    try {
      KeyPair keys = newKeys();
      X500Name name = new X500Name("CN=" + caName);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now()),
          Date.from(Instant.now().plus(Duration.ofDays(1))), name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      return new TestPki(keys, sign(builder, keys));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test PKI", e);
    }
  }

  /** The client's TLS for carrier {@code carrierId}, trusting this PKI's CA, from key stores in memory. */
  ClientTls clientTls(String carrierId) {
    return clientTls(carrierId, this);
  }

  /** The client's TLS with a certificate of this PKI, trusting only {@code trusted}'s CA. */
  ClientTls clientTls(String carrierId, TestPki trusted) {
    try {
      return ClientTls.fromKeyStores(identity(carrierId, false), PASSWORD, trusted.trustStore());
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue a certificate for " + carrierId, e);
    }
  }

  /** The fake gateway's TLS: its certificate for localhost, and a client certificate from this CA required. */
  SslContext gatewayContext() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      keys.init(gatewayIdentity, PASSWORD);
      return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).trustManager(ca)
          .clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.3", "TLSv1.2").build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the fake gateway's TLS", e);
    }
  }

  private KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    return trust;
  }

  private KeyStore identity(String commonName, boolean server) throws Exception {
    KeyPair keys = newKeys();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal()
        .getName()), serial(), Date.from(Instant.now()), Date.from(Instant.now().plus(Duration.ofDays(1))),
        new X500Name("CN=" + commonName + ", O=npc test"), keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    if (server) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }
    X509Certificate certificate = sign(builder, caKeys);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {certificate, ca});
    return store;
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
