package npc.gateway.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI in a directory: {@code ca.pem} (the CA certificate carriers and the server trust),
 * {@code server.pem} and {@code server-key.pem}, and for each carrier {@code carriers/<ID>.pem} and
 * {@code carriers/<ID>-key.pem}, whose subject's common name is the carrier id; {@link #register} registers those
 * with the gateway's certificate registry, which the gateway requires. Keys are ECDSA P-256 in PKCS#8
 * PEM. Not for production: the CA key is written beside the certificates.
 */
public final class DevelopmentPki {
  static final Duration VALIDITY = Duration.ofDays(825);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final SecureRandom random = new SecureRandom();
  private final Path directory;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private DevelopmentPki(Path directory, KeyPair caKeys, X509Certificate ca) {
    this.directory = directory;
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** Creates a CA named {@code caName} in {@code directory}, with the server's certificate for localhost. */
  public static DevelopmentPki create(Path directory, String caName) {
    try {
      Files.createDirectories(directory.resolve("carriers"));
      KeyPair caKeys = newKeys();
      X500Name name = new X500Name("CN=" + caName + ", O=npc development CA");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
          Date.from(now),
          Date.from(now.plus(VALIDITY)), name, caKeys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate ca = certificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(caKeys.getPrivate())));
      DevelopmentPki pki = new DevelopmentPki(directory, caKeys, ca);
      write(directory.resolve("ca.pem"), ca);
      write(directory.resolve("ca-key.pem"), caKeys.getPrivate());
      pki.issue("server", "npc gateway", KeyPurposeId.id_kp_serverAuth, directory.resolve("server"));
      return pki;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create the development PKI in " + directory, e);
    }
  }

  /** Issues a client certificate for each carrier id. */
  public DevelopmentPki issueCarriers(Collection<String> carrierIds) {
    for (String id : carrierIds) {
      issue(id, id, KeyPurposeId.id_kp_clientAuth, directory.resolve("carriers").resolve(id));
    }
    return this;
  }

  /**
   * Issues a client certificate with any subject (an X.500 name such as {@code "CN=CM, O=npc carrier"}), written as
   * {@code carriers/<fileName>.pem} and its key: for tests of certificates the gateway must refuse.
   */
  public DevelopmentPki issueClient(String fileName, String subject) {
    issue(fileName, new X500Name(subject), KeyPurposeId.id_kp_clientAuth,
        directory.resolve("carriers").resolve(fileName));
    return this;
  }

  /**
   * Registers the certificate of each carrier id (issued by {@link #issueCarriers}) for that carrier in
   * {@code registry}, valid as long as the certificate, so that the gateway accepts it.
   */
  public DevelopmentPki register(CarrierCertificates registry, Collection<String> carrierIds, Instant at) {
    for (String id : carrierIds) {
      X509Certificate certificate = readCertificate(carrierCertificate(id));
      registry.register(new CarrierId(id), fingerprint(certificate), certificate.getNotAfter().toInstant(), at);
    }
    return this;
  }

  /** The fingerprint of the client certificate {@code carriers/<fileName>.pem}, as the registry keys it. */
  public CertificateFingerprint carrierFingerprint(String fileName) {
    return fingerprint(readCertificate(carrierCertificate(fileName)));
  }

  /** Reads a PEM certificate. */
  public static X509Certificate readCertificate(Path pem) {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("not a certificate: " + pem, e);
    }
  }

  private static CertificateFingerprint fingerprint(X509Certificate certificate) {
    try {
      return CertificateFingerprint.of(certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("a certificate of this PKI cannot be encoded", e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Path caCertificate() {
    return directory.resolve("ca.pem");
  }

  public Path serverCertificate() {
    return directory.resolve("server.pem");
  }

  public Path serverKey() {
    return directory.resolve("server-key.pem");
  }

  public Path carrierCertificate(String id) {
    return directory.resolve("carriers").resolve(id + ".pem");
  }

  public Path carrierKey(String id) {
    return directory.resolve("carriers").resolve(id + "-key.pem");
  }

  private void issue(String fileName, String commonName, KeyPurposeId purpose, Path base) {
    issue(fileName, new X500Name("CN=" + commonName + ", O=npc carrier"), purpose, base);
  }

  private void issue(String fileName, X500Name subject, KeyPurposeId purpose, Path base) {
    try {
      KeyPair keys = newKeys();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(random), Date.from(now),
          Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
      }
      X509Certificate certificate = certificate(
          builder.build(new JcaContentSignerBuilder(SIGNATURE).build(caKeys.getPrivate())));
      write(base.resolveSibling(base.getFileName() + ".pem"), certificate);
      write(base.resolveSibling(base.getFileName() + "-key.pem"), keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).add(BigInteger.ONE);
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** A private key is for its owner's eyes only, where the file system can say so. */
  private static void restrictToOwner(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static void write(Path file, Object pemObject) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(pemObject instanceof java.security.PrivateKey key
          ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : pemObject);
      pem.flush();
      Files.writeString(file, text.toString());
      if (pemObject instanceof java.security.PrivateKey) {
        restrictToOwner(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
