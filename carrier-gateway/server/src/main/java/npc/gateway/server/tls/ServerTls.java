package npc.gateway.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** The gateway's TLS: TLS 1.3 or 1.2, and a client certificate from the clearinghouse's CA required. */
public final class ServerTls {
  private ServerTls() {}

  public static SslContext context(Path caCertificate, Path serverCertificate, Path serverKey) {
    try {
      return SslContextBuilder.forServer(serverCertificate.toFile(), serverKey.toFile())
          .sslProvider(SslProvider.JDK)
          .trustManager(caCertificate.toFile())
          .clientAuth(ClientAuth.REQUIRE)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the gateway's TLS context from " + serverCertificate, e);
    }
  }
}
