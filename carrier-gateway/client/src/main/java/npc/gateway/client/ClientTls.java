package npc.gateway.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's side of the gateway's mutual TLS: the carrier's certificate and key (its identity: a carrier never
 * names itself in a request) and the CA the gateway's certificate must come from. TLS 1.3 or 1.2 only, and the
 * gateway's certificate must name the host connected to.
 */
public final class ClientTls {
  private final SslContext context;

  private ClientTls(SslContext context) {
    this.context = context;
  }

  /** From key and trust managers the caller built, e.g. on a hardware security module's provider. */
  public static ClientTls of(KeyManagerFactory keys, TrustManagerFactory trust) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(trust, "trust");
    return build(builder -> builder.keyManager(keys).trustManager(trust), "the given key and trust managers");
  }

  /**
   * From key stores, e.g. loaded from PKCS#12 files or built in memory.
   *
   * @param identity holds the carrier's private key and certificate chain
   * @param keyPassword the password of the key in {@code identity}
   * @param trusted holds the CA certificate(s) the gateway's certificate must chain to
   */
  public static ClientTls fromKeyStores(KeyStore identity, char[] keyPassword, KeyStore trusted) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, keyPassword);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      return of(keys, trust);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the given key stores for TLS", e);
    }
  }

  /**
   * From PEM files, as the clearinghouse's development PKI writes them.
   *
   * @param certificateChain the carrier's certificate, then any intermediates
   * @param privateKey its private key, unencrypted PKCS#8
   * @param trustedCertificates the CA certificate(s) the gateway's certificate must chain to
   */
  public static ClientTls fromPem(Path certificateChain, Path privateKey, Path trustedCertificates) {
    return build(builder -> builder.keyManager(certificateChain.toFile(), privateKey.toFile())
        .trustManager(trustedCertificates.toFile()), certificateChain.toString());
  }

  SslHandler newHandler(ByteBufAllocator allocator, String host, int port) {
    return context.newHandler(allocator, host, port);
  }

  private static ClientTls build(UnaryOperator<SslContextBuilder> material, String source) {
    try {
      return new ClientTls(material.apply(SslContextBuilder.forClient())
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .endpointIdentificationAlgorithm("HTTPS")
          .build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot build the client's TLS context from " + source, e);
    }
  }
}
