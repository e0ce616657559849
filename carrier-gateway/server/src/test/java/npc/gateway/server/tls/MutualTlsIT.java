package npc.gateway.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import npc.core.carrier.CarrierId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import npc.core.regime.RegimeLoader;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.server.RawCarrier;
import npc.gateway.server.frame.EnvelopeDecoder;
import npc.gateway.server.frame.EnvelopeEncoder;
import npc.gateway.server.frame.FrameDecoder;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.session.HandshakeGate;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.session.Versions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TCP and TLS on loopback: the certificate proves the carrier, and a stranger's certificate gets nowhere. */
class MutualTlsIT {
  @TempDir
  static Path dir;
  private static DevelopmentPki pki;
  private static DevelopmentPki rogue;
  private static EventLoopGroup group;
  private static Channel server;
  private static final MemoryCertificates STORE = new MemoryCertificates();
  private static CertificateRegistry registry;
  private static ChannelGroup sessions;

  @BeforeAll
  static void start() throws InterruptedException {
    pki = DevelopmentPki.create(dir.resolve("pki"), "npc test CA")
        .issueCarriers(List.of("CM", "CU", "CT", "ZZ"))
        .issueClient("CM-unregistered", "CN=CM, O=npc carrier")
        .issueClient("CM-as-CU", "CN=CM, O=npc carrier")
        .issueClient("two-names", "CN=CU, CN=CM, O=npc carrier")
        .issueClient("no-name", "O=npc carrier, OU=CM")
        .issueClient("CT-revoked", "CN=CT, O=npc carrier")
        .issueClient("CM-expired", "CN=CM, O=npc carrier")
        .register(STORE, List.of("CM", "CU", "CT", "ZZ"), Instant.now());
    Instant notAfter = Instant.now().plus(Duration.ofDays(1));
    STORE.register(new CarrierId("CU"), pki.carrierFingerprint("CM-as-CU"), notAfter, Instant.now());
    STORE.register(new CarrierId("CU"), pki.carrierFingerprint("two-names"), notAfter, Instant.now());
    STORE.register(new CarrierId("CM"), pki.carrierFingerprint("no-name"), notAfter, Instant.now());
    STORE.register(new CarrierId("CT"), pki.carrierFingerprint("CT-revoked"), notAfter, Instant.now());
    STORE.revoke(pki.carrierFingerprint("CT-revoked"), Instant.now());
    STORE.register(new CarrierId("CM"), pki.carrierFingerprint("CM-expired"), Instant.now().minusSeconds(1),
        Instant.now());
    rogue = DevelopmentPki.create(dir.resolve("rogue"), "npc test CA").issueCarriers(List.of("CM"))
        .register(STORE, List.of("CM"), Instant.now());
    SslContext tls = ServerTls.context(pki.caCertificate(), pki.serverCertificate(), pki.serverKey());
    registry = new CertificateRegistry(STORE);
    registry.refresh();
    CertificateIdentities identities = new CertificateIdentities(RegimeLoader.builtIn("cn").carriers(), registry,
        Clock.systemUTC());
    sessions = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    HandshakeGate.Terms terms = new HandshakeGate.Terms(Versions.SUPPORTED, 10_000,
        FrameDecoder.DEFAULT_MAX_FRAME_BYTES, 1_024, 30_000, "cn");
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            sessions.add(ch);
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()))
                .addLast("frames", new FrameDecoder(FrameDecoder.DEFAULT_MAX_FRAME_BYTES))
                .addLast("envelopes", EnvelopeDecoder.INSTANCE)
                .addLast("encoder", EnvelopeEncoder.INSTANCE)
                .addLast("handshake", new HandshakeGate(terms, identities, Clock.systemUTC()))
                .addLast("errors", FrameErrorHandler.INSTANCE);
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aCarriersCertificateOpensItsSession() throws Exception {
    RawCarrier client = connect(pki, "CU");
    assertThat(client.handshake().await(10, TimeUnit.SECONDS) && client.handshake().isSuccess()).isTrue();
    client.channel().writeAndFlush(hello());
    Envelope welcome = client.received().poll(10, TimeUnit.SECONDS);
    assertThat(welcome).isNotNull();
    assertThat(welcome.getWelcome().getCarrierId()).isEqualTo("CU");
    client.channel().close().sync();
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
    RawCarrier client = connect(rogue, "CM");
    client.handshake().await(10, TimeUnit.SECONDS);
    if (client.handshake().isSuccess()) {
      // TLS 1.3: the client may finish before the server checks its certificate; the server then closes.
      client.channel().writeAndFlush(hello());
      assertThat(client.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.received()).isEmpty();
    } else {
      assertThat(client.handshake().cause()).isNotNull();
    }
  }

  @Test
  void aCertificateOfNoRegisteredCarrierGetsNoSession() throws Exception {
    RawCarrier client = connect(pki, "ZZ");
    assertThat(client.handshake().await(10, TimeUnit.SECONDS) && client.handshake().isSuccess()).isTrue();
    client.channel().writeAndFlush(hello());
    Envelope error = client.received().poll(10, TimeUnit.SECONDS);
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN_CARRIER);
    assertThat(client.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCertificateOfTheCaNamingAParticipantButNotRegisteredIsRefused() throws Exception {
    assertRefusedAtHello("CM-unregistered", ErrorCode.CERTIFICATE_NOT_REGISTERED);
  }

  @Test
  void aCertificateRegisteredForAnotherCarrierThanItsNameIsRefused() throws Exception {
    assertRefusedAtHello("CM-as-CU", ErrorCode.CERTIFICATE_NOT_REGISTERED);
  }

  @Test
  void aCertificateWithTwoCommonNamesIsRefusedAsAmbiguous() throws Exception {
    assertRefusedAtHello("two-names", ErrorCode.AMBIGUOUS_IDENTITY);
  }

  @Test
  void aCertificateWithNoCommonNameIsRefusedAsAmbiguous() throws Exception {
    assertRefusedAtHello("no-name", ErrorCode.AMBIGUOUS_IDENTITY);
  }

  @Test
  void aRevokedCertificateIsRefused() throws Exception {
    assertRefusedAtHello("CT-revoked", ErrorCode.CERTIFICATE_REVOKED);
  }

  @Test
  void aCertificateWhoseRegistrationExpiredIsRefused() throws Exception {
    assertRefusedAtHello("CM-expired", ErrorCode.CERTIFICATE_EXPIRED);
  }

  @Test
  void revokingACertificateClosesTheOpenSessionsOfIt() throws Exception {
    RawCarrier client = connect(pki, "CT");
    assertThat(client.handshake().await(10, TimeUnit.SECONDS) && client.handshake().isSuccess()).isTrue();
    client.channel().writeAndFlush(hello());
    assertThat(client.received().poll(10, TimeUnit.SECONDS).getWelcome().getCarrierId()).isEqualTo("CT");
    RevocationWatch watch = new RevocationWatch(registry, Clock.systemUTC(), new GatewayCounters());
    assertThat(watch.sweep(sessions)).as("nothing revoked yet").isZero();

    STORE.revoke(pki.carrierFingerprint("CT"), Instant.now());
    registry.refresh();
    assertThat(watch.sweep(sessions)).isEqualTo(1);

    Envelope error = client.received().poll(10, TimeUnit.SECONDS);
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.CERTIFICATE_REVOKED);
    assertThat(error.getError().getClosing()).isTrue();
    assertThat(client.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void assertRefusedAtHello(String certificate, ErrorCode code) throws Exception {
    RawCarrier client = connect(pki, certificate);
    assertThat(client.handshake().await(10, TimeUnit.SECONDS) && client.handshake().isSuccess()).isTrue();
    client.channel().writeAndFlush(hello());
    Envelope error = client.received().poll(10, TimeUnit.SECONDS);
    assertThat(error).as("an error frame").isNotNull();
    assertThat(error.getError().getCode()).isEqualTo(code);
    assertThat(error.getError().getStatus()).isEqualTo(403);
    assertThat(client.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void onlyForwardSecretAeadSuitesAreOffered() {
    SslContext tls = ServerTls.context(pki.caCertificate(), pki.serverCertificate(), pki.serverKey());
    assertThat(tls.cipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
        .as("TLS 1.3, or ECDHE key exchange with an AEAD cipher").matches(
            "TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256|ECDHE_(ECDSA|RSA)_WITH_"
                + "(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))"));
  }

  @Test
  void aClientThatRenegotiatesTls12IsRefused() throws Exception {
    SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
        .keyManager(pki.carrierCertificate("CU").toFile(), pki.carrierKey("CU").toFile())
        .trustManager(pki.caCertificate().toFile()).protocols("TLSv1.2").build();
    SSLContext jdk = ((JdkSslContext) client).context();
    InetSocketAddress address = (InetSocketAddress) server.localAddress();
    try (SSLSocket socket = (SSLSocket) jdk.getSocketFactory().createSocket(address.getHostString(),
        address.getPort())) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThatThrownBy(() -> {
        socket.startHandshake(); // a second handshake on an established TLS 1.2 session: a renegotiation
        socket.getInputStream().read();
      }).as("the server ends the connection instead of renegotiating").isInstanceOf(SSLException.class);
    }
  }

  private static RawCarrier connect(DevelopmentPki from, String carrier) throws Exception {
    return RawCarrier.connect(group, (InetSocketAddress) server.localAddress(), from.carrierCertificate(carrier),
        from.carrierKey(carrier), pki.caCertificate());
  }

  private static Envelope hello() {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("h-1"))
        .setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1).setClientName("tls-test")).build();
  }
}
