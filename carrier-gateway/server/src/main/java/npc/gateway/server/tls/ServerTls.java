package npc.gateway.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The gateway's TLS: TLS 1.3, or TLS 1.2 with forward-secret suites only (ECDHE key exchange, AEAD ciphers); a client
 * certificate from the clearinghouse's CA required; no renegotiation asked by a client. A carrier whose TLS stack
 * offers nothing here is refused at the handshake.
 */
public final class ServerTls {
  /**
   * TLS 1.3's suites, then TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305, for an EC or an RSA server key.
   * Not RSA key exchange (no forward secrecy: whoever later gets the server's key reads every recorded session), and
   * no CBC suites.
   */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  static {
    // A client that renegotiates TLS 1.2 makes the server redo its most expensive work on demand, and TLS 1.3 has no
    // renegotiation at all. The JDK's provider reads this once, when its first server handshake starts; every server
    // context of the gateway is made here, so this runs first.
    System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
  }

  private ServerTls() {}

  public static SslContext context(Path caCertificate, Path serverCertificate, Path serverKey) {
    try {
      return SslContextBuilder.forServer(serverCertificate.toFile(), serverKey.toFile())
          .sslProvider(SslProvider.JDK)
          .trustManager(caCertificate.toFile())
          .clientAuth(ClientAuth.REQUIRE)
          .protocols("TLSv1.3", "TLSv1.2")
          .ciphers(CIPHER_SUITES)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the gateway's TLS context from " + serverCertificate, e);
    }
  }
}
