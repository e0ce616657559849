package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.audit.record.AuditEntry;
import npc.core.carrier.CertificateFingerprint;
import npc.gateway.client.CarrierClient;
import npc.gateway.client.ClientTls;
import npc.gateway.client.GatewayException;
import npc.gateway.client.Session;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.tls.ClientCertificates;
import npc.gateway.server.tls.DevelopmentPki;
import npc.ops.security.Role;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator registers, issues and revokes carrier CBN's client certificates over HTTP, and the real gateway of
 * the shared service takes each change at its registry's next refresh (every 5 s): a certificate of the service's
 * CA connects with the carrier SDK once registered and not before, an issued one connects with the carrier's own
 * key, a revoked one's session closes and its next Hello is refused. Every bad input is refused with its status and
 * problem type and registers nothing. New certificates only: CBN's development certificate stays as it is.
 */
class CertificatesApiIT {
  private static final Duration REFRESH = Duration.ofSeconds(20); // the registry is read every 5 s
  private static final String PATH = "/api/v1/carriers/CBN/certificates";
  private final RunningService service = RunningService.get();
  private final String operator = service.developmentToken(Role.OPERATOR);

  @TempDir
  Path dir;

  @Test
  void aRegisteredCertificateConnectsAndARevokedOneIsRefused() throws Exception {
    KeyPair keys = keys();
    X509Certificate certificate = fromServiceCa("CN=CBN, O=npc carrier", keys, Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30)));
    String fingerprint = fingerprint(certificate);
    Path pem = write("registered.pem", certificate);
    Path key = write("registered-key.pem", keys.getPrivate());

    GatewayException unregistered = refused(pem, key);
    assertThat(unregistered.code()).as("before registration").isEqualTo(ErrorCode.CERTIFICATE_NOT_REGISTERED);

    HttpResponse<String> registered = register(ClientCertificates.pem(certificate));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    assertThat(registered.body()).contains("\"fingerprint\":\"" + fingerprint + "\"", "\"carrier\":\"CBN\"",
        "\"notAfter\":\"" + certificate.getNotAfter().toInstant());
    assertThat(entry("CERTIFICATE_REGISTERED", fingerprint)).hasValueSatisfying(e -> {
      assertThat(e.record().actor().orElse(null)).matches("OPERATOR:[0-9a-f]+");
      assertThat(e.record().evidence()).containsEntry("carrier", "CBN");
    });
    assertThat(service.get(PATH, operator).body()).contains(fingerprint);
    TokensApiIT.assertProblem(register(ClientCertificates.pem(certificate)), 409, "conflict");

    try (CarrierClient client = connectWithin(pem, key)) {
      assertThat(client.session().map(Session::carrierId)).contains("CBN");

      HttpResponse<String> revoked = service.send("POST", PATH + "/" + fingerprint + "/revoke", operator, null);
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      assertThat(revoked.body()).contains("\"revokedAt\":");
      assertThat(entry("CERTIFICATE_REVOKED", fingerprint)).hasValueSatisfying(
          e -> assertThat(e.record().actor().orElse(null)).matches("OPERATOR:[0-9a-f]+"));
      TokensApiIT.assertProblem(service.send("POST", PATH + "/" + fingerprint + "/revoke", operator, null), 409,
          "conflict");

      long deadline = System.nanoTime() + REFRESH.toNanos();
      while (client.session().isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(client.session()).as("the revoked certificate's open session closed").isEmpty();
    }
    assertThat(refused(pem, key).code()).isEqualTo(ErrorCode.CERTIFICATE_REVOKED);
    TokensApiIT.assertProblem(register(ClientCertificates.pem(certificate)), 409, "conflict");
    assertThat(service.get(PATH, operator).body()).containsPattern(
        "\"fingerprint\":\"" + fingerprint + "\"[^}]*\"revokedAt\":\"");
  }

  @Test
  void aCertificateTheGatewayWouldRefuseIs400AndRegistersNothing() throws Exception {
    String before = service.get(PATH, operator).body();
    KeyPair keys = keys();
    Instant now = Instant.now();
    X509Certificate foreign = DevelopmentPki.readCertificate(DevelopmentPki.create(dir.resolve("foreign"),
        "foreign CA").issueCarriers(List.of("CBN")).carrierCertificate("CBN"));
    X509Certificate expired = fromServiceCa("CN=CBN", keys, now.minus(Duration.ofDays(10)), now.minusSeconds(60));
    X509Certificate early = fromServiceCa("CN=CBN", keys, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)));
    X509Certificate another = fromServiceCa("CN=CM, O=npc carrier", keys, now.minusSeconds(60),
        now.plus(Duration.ofDays(9)));
    X509Certificate twoNames = fromServiceCa("CN=CBN, CN=CM", keys, now.minusSeconds(60), now.plus(Duration.ofDays(9)));
    String valid = ClientCertificates.pem(fromServiceCa("CN=CBN", keys, now.minusSeconds(60),
        now.plus(Duration.ofDays(9))));

    for (String bad : List.of(ClientCertificates.pem(foreign), ClientCertificates.pem(expired),
        ClientCertificates.pem(early), ClientCertificates.pem(another), ClientCertificates.pem(twoNames),
        "not a certificate", valid + valid, pemOf(keys.getPrivate()))) {
      HttpResponse<String> refused = register(bad);
      TokensApiIT.assertField(refused, "certificate");
    }
    assertThat(register(ClientCertificates.pem(foreign)).body()).contains("not signed by the CA the gateway trusts");
    assertThat(register(ClientCertificates.pem(expired)).body()).contains("expired at");
    assertThat(register(ClientCertificates.pem(early)).body()).contains("not valid before");
    assertThat(register(ClientCertificates.pem(another)).body()).contains("the carrier id CBN");
    TokensApiIT.assertField(service.send("POST", PATH, operator, "{}"), "certificate");
    TokensApiIT.assertProblem(service.send("POST", "/api/v1/carriers/ZZ9/certificates", operator,
        json("certificate", valid)), 404, "not-found");
    TokensApiIT.assertProblem(service.send("POST", "/api/v1/carriers/SAT/certificates", operator,
        json("certificate", valid)), 409, "conflict");
    TokensApiIT.assertField(service.send("POST", "/api/v1/carriers/cbn!/certificates", operator,
        json("certificate", valid)), "carrier");
    TokensApiIT.assertProblem(service.get("/api/v1/carriers/ZZ9/certificates", operator), 404, "not-found");

    String cmDevelopment = fingerprint(DevelopmentPki.readCertificate(service.pkiDir.resolve("carriers/CM.pem")));
    TokensApiIT.assertProblem(service.send("POST", PATH + "/" + cmDevelopment + "/revoke", operator, null), 404,
        "not-found");
    TokensApiIT.assertProblem(service.send("POST", PATH + "/" + "0".repeat(64) + "/revoke", operator, null), 404,
        "not-found");
    TokensApiIT.assertField(service.send("POST", PATH + "/ABC/revoke", operator, null), "fingerprint");

    assertThat(service.get(PATH, operator).body()).as("nothing registered or revoked").isEqualTo(before);
    assertThat(service.get("/api/v1/carriers/CM/certificates", operator).body()).contains(cmDevelopment)
        .doesNotContain("revokedAt\":\"");
    assertThat(entry("CERTIFICATE_REGISTERED", fingerprint(foreign))).isEmpty();
  }

  @Test
  void anIssuedCertificateConnectsWithTheCarriersOwnKey() throws Exception {
    KeyPair keys = keys();
    // The request asks for another carrier's name: the clearinghouse sets the subject itself.
    String csr = csr("CN=CM, O=somebody else", keys);

    HttpResponse<String> issued = service.send("POST", PATH + "/issue", operator, json("csr", csr));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    X509Certificate certificate = certificate(field(issued.body(), "certificate"));
    String fingerprint = fingerprint(certificate);
    assertThat(issued.body()).contains("\"fingerprint\":\"" + fingerprint + "\"", "\"carrier\":\"CBN\"");
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("O=npc carrier,CN=CBN");
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
    assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(800)));
    assertThat(entry("CERTIFICATE_ISSUED", fingerprint)).hasValueSatisfying(
        e -> assertThat(e.record().actor().orElse(null)).matches("OPERATOR:[0-9a-f]+"));
    assertThat(service.get(PATH, operator).body()).contains(fingerprint);

    try (CarrierClient client = connectWithin(write("issued.pem", certificate),
        write("issued-key.pem", keys.getPrivate()))) {
      assertThat(client.session().map(Session::carrierId)).contains("CBN");
    }
  }

  @Test
  void aBadRequestIs400AndWithoutTheCaKeyIssuingIs409() throws Exception {
    String before = service.get(PATH, operator).body();
    KeyPair keys = keys();
    String csr = csr("CN=CBN", keys);
    String tampered = csr.replace(csr.substring(csr.length() - 40, csr.length() - 30), "AAAAAAAAAA");
    for (String bad : List.of("not a request", tampered, ClientCertificates.pem(DevelopmentPki.readCertificate(
        service.pkiDir.resolve("carriers/CM.pem"))), csr + csr)) {
      TokensApiIT.assertField(service.send("POST", PATH + "/issue", operator, json("csr", bad)), "csr");
    }
    TokensApiIT.assertField(service.send("POST", PATH + "/issue", operator, "{}"), "csr");
    TokensApiIT.assertProblem(service.send("POST", "/api/v1/carriers/ZZ9/certificates/issue", operator,
        json("csr", csr)), 404, "not-found");

    Path caKey = service.pkiDir.resolve("ca-key.pem");
    Path away = service.pkiDir.resolve("ca-key.pem.away");
    Files.move(caKey, away);
    try {
      HttpResponse<String> withoutKey = service.send("POST", PATH + "/issue", operator, json("csr", csr));
      TokensApiIT.assertProblem(withoutKey, 409, "conflict");
      assertThat(withoutKey.body()).contains("does not hold its CA's key");
    } finally {
      Files.move(away, caKey);
    }
    assertThat(service.get(PATH, operator).body()).as("nothing registered").isEqualTo(before);
  }

  private HttpResponse<String> register(String pem) {
    return service.send("POST", PATH, operator, json("certificate", pem));
  }

  /** Connects as CBN with {@code certificate}, again until the registry's refresh has taken it. */
  private CarrierClient connectWithin(Path certificate, Path key) throws Exception {
    long deadline = System.nanoTime() + REFRESH.toNanos();
    while (true) {
      CarrierClient client = client(certificate, key);
      try {
        client.whenConnected().get(30, TimeUnit.SECONDS);
        return client;
      } catch (ExecutionException e) {
        client.close();
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not admitted within " + REFRESH, e.getCause());
        }
        Thread.sleep(500);
      }
    }
  }

  /** Why the gateway refuses a session with {@code certificate}. */
  private GatewayException refused(Path certificate, Path key) {
    try (CarrierClient client = client(certificate, key)) {
      Throwable refused = catchThrowable(() -> client.whenConnected().get(30, TimeUnit.SECONDS));
      assertThat(refused).isInstanceOf(ExecutionException.class);
      assertThat(refused.getCause()).isInstanceOf(GatewayException.class);
      return (GatewayException) refused.getCause();
    }
  }

  private CarrierClient client(Path certificate, Path key) {
    InetSocketAddress gateway = service.gatewayAddress();
    return CarrierClient.builder().gateway(gateway.getHostString(), gateway.getPort())
        .tls(ClientTls.fromPem(certificate, key, service.pkiDir.resolve("ca.pem")))
        .clientName("certificates-it", "1")
        .connect();
  }

  /** A client certificate for {@code subject} signed with the service's development CA's key. */
  private X509Certificate fromServiceCa(String subject, KeyPair keys, Instant from, Instant to) throws Exception {
    X509Certificate ca = DevelopmentPki.readCertificate(service.pkiDir.resolve("ca.pem"));
    PrivateKey caKey = ClientCertificates.readPrivateKey(service.pkiDir.resolve("ca-key.pem"));
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
        BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), new X500Name(subject),
        keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
  }

  private static String csr(String subject, KeyPair keys) throws Exception {
    return pemOf(new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  /** The audit record's entry of {@code kind} about {@code fingerprint}, if there is one. */
  private Optional<AuditEntry> entry(String kind, String fingerprint) {
    return service.auditEntries().stream()
        .filter(r -> kind.equals(r.record().kind()) && fingerprint.equals(r.record().subject().orElse(null))).findFirst();
  }

  private Path write(String name, Object pemObject) throws IOException {
    return Files.writeString(dir.resolve(name), pemOf(pemObject));
  }

  private static String pemOf(Object pemObject) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(pemObject instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : pemObject);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String fingerprint(X509Certificate certificate) throws Exception {
    return CertificateFingerprint.of(certificate.getEncoded()).value();
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String json(String field, String value) {
    return "{\"" + field + "\":\"" + value.replace("\r", "").replace("\n", "\\n") + "\"}";
  }

  /** A string field of a JSON answer, its escapes undone (the PEM's newlines). */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1).replace("\\n", "\n").replace("\\r", "\r").replace("\\/", "/");
  }
}
