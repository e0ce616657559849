package npc.gateway.server.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import npc.core.carrier.CarrierId;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Carriers' client certificates as the operator registers them: the checks a certificate must pass to be worth
 * registering (the gateway would refuse it otherwise), and the issuing of one from a carrier's certificate request
 * (PKCS#10) by the clearinghouse's CA, so that the carrier's private key never leaves the carrier. A certificate
 * names its carrier as {@link CertificateIdentities} reads it: exactly one common name, the carrier id.
 */
public final class ClientCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_RSA_BITS = 2048;

  private ClientCertificates() {}

  /** Input that is not what it must be; the message says what is wrong, for the operator. */
  public static final class Invalid extends RuntimeException {
    Invalid(String detail) {
      super(detail, null, false, false);
    }
  }

  /** The one X.509 certificate of a PEM text. */
  public static X509Certificate parseCertificate(String pem) {
    Object only = onlyObject(pem, "one PEM certificate (-----BEGIN CERTIFICATE-----)");
    if (!(only instanceof X509CertificateHolder holder)) {
      throw new Invalid("must be one PEM certificate (-----BEGIN CERTIFICATE-----), not " + describe(only));
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new Invalid("must be one PEM certificate: it does not read as X.509 (" + e.getMessage() + ")");
    }
  }

  /** The one certificate request (PKCS#10) of a PEM text, whose signature its own key verifies. */
  public static PKCS10CertificationRequest parseRequest(String pem) {
    Object only = onlyObject(pem, "one PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
    if (!(only instanceof PKCS10CertificationRequest request)) {
      throw new Invalid("must be one PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----), not "
          + describe(only));
    }
    try {
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey(request)))) {
        throw new Invalid("the certificate request's signature does not verify with its own key");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new Invalid("the certificate request's signature cannot be checked: " + e.getMessage());
    }
    return request;
  }

  /**
   * Why the gateway would not accept {@code certificate} for {@code carrier} at {@code now}, or empty: not valid now,
   * not signed by one of {@code trusted} (the CA certificates the gateway's TLS trusts for carriers), a CA's
   * certificate, not for client authentication, or naming another carrier than {@code carrier}.
   */
  public static Optional<String> refusal(X509Certificate certificate, CarrierId carrier,
      List<X509Certificate> trusted, Instant now) {
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      return Optional.of("the certificate is not valid before " + certificate.getNotBefore().toInstant());
    }
    if (!now.isBefore(certificate.getNotAfter().toInstant())) {
      return Optional.of("the certificate expired at " + certificate.getNotAfter().toInstant());
    }
    if (trusted.stream().noneMatch(ca -> signedBy(certificate, ca))) {
      return Optional.of("the certificate (issuer " + certificate.getIssuerX500Principal().getName()
          + ") is not signed by the CA the gateway trusts for carriers ("
          + String.join("; ", trusted.stream().map(ca -> ca.getSubjectX500Principal().getName()).toList()) + ")");
    }
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of("the certificate is a CA's, not a carrier's client certificate");
    }
    try {
      List<String> purposes = certificate.getExtendedKeyUsage();
      if (purposes != null && !purposes.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
        return Optional.of("the certificate's extended key usage does not allow client authentication");
      }
    } catch (CertificateParsingException e) {
      return Optional.of("the certificate's extended key usage does not read: " + e.getMessage());
    }
    List<String> names = CertificateIdentities.commonNames(certificate);
    if (names.size() != 1 || !names.get(0).equals(carrier.value())) {
      return Optional.of("the certificate's subject (" + certificate.getSubjectX500Principal().getName()
          + ") must have exactly one common name, the carrier id " + carrier + ", as the gateway reads it");
    }
    return Optional.empty();
  }

  /**
   * A client certificate for {@code carrier} from {@code ca} for the key of {@code request}: the subject is the
   * carrier's ({@code CN=<id>, O=npc carrier}, whatever the request asks), for client authentication, valid as long
   * as the development PKI's certificates but never past the CA's own.
   *
   * @throws Invalid the request's RSA key has fewer than 2048 bits
   */
  public static X509Certificate issue(PKCS10CertificationRequest request, CarrierId carrier, X509Certificate ca,
      PrivateKey caKey, Instant now) {
    try {
      PublicKey key = publicKey(request);
      if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        throw new Invalid("the certificate request's RSA key has " + rsa.getModulus().bitLength()
            + " bits; at least " + MIN_RSA_BITS + " are required");
      }
      Instant notAfter = now.plus(DevelopmentPki.VALIDITY);
      if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
        notAfter = ca.getNotAfter().toInstant();
      }
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
          new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now), Date.from(notAfter),
          new X500Name("CN=" + carrier.value() + ", O=npc carrier"), key);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      X509Certificate issued = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(signatureAlgorithm(caKey)).build(caKey)));
      if (!signedBy(issued, ca)) {
        throw new IllegalStateException("the CA's key does not belong to the CA certificate "
            + ca.getSubjectX500Principal().getName());
      }
      return issued;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + carrier + ": " + e, e);
    }
  }

  /** Every certificate of a PEM file, such as a CA file of more than one certificate. */
  public static List<X509Certificate> readCertificates(Path pem) {
    List<X509Certificate> all = new ArrayList<>();
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          all.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("not a certificate in " + pem, e);
    }
    return all;
  }

  /** An unencrypted private key in PEM: PKCS#8 ({@code PRIVATE KEY}, as {@link DevelopmentPki} writes) or OpenSSL's. */
  public static PrivateKey readPrivateKey(Path pem) {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalStateException(pem + " holds no unencrypted private key in PEM (PKCS#8 or OpenSSL's), but "
          + describe(o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pem, e);
    }
  }

  /** {@code certificate} as PEM text. */
  public static String pem(X509Certificate certificate) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The request's key: EC or RSA, the keys the gateway's TLS takes from carriers. */
  private static PublicKey publicKey(PKCS10CertificationRequest request) {
    ASN1ObjectIdentifier algorithm = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm();
    String name = algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
        : algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : null;
    if (name == null) {
      throw new Invalid("the certificate request's key must be EC or RSA, not " + algorithm);
    }
    try {
      return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(
          request.getSubjectPublicKeyInfo().getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new Invalid("the certificate request's key does not read: " + e.getMessage());
    }
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalStateException("the CA's key is " + key.getAlgorithm()
          + "; the clearinghouse signs with EC, RSA or Ed25519 keys");
    };
  }

  /** The only PEM object of {@code pem}; refused when there is none, more than one, or it does not parse. */
  private static Object onlyObject(String pem, String what) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object first = parser.readObject();
      if (first == null) {
        throw new Invalid("must be " + what + "; it holds no PEM object");
      }
      if (parser.readObject() != null) {
        throw new Invalid("must be " + what + "; it holds more than one PEM object");
      }
      return first;
    } catch (IOException | RuntimeException e) {
      if (e instanceof Invalid invalid) {
        throw invalid;
      }
      throw new Invalid("must be " + what + "; it does not parse (" + e.getMessage() + ")");
    }
  }

  private static String describe(Object o) {
    return o == null ? "nothing" : o.getClass().getSimpleName();
  }
}
