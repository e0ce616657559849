package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.naming.ldap.LdapName;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Pong;
import npc.gateway.protocol.v1.Welcome;

/**
 * A gateway small enough to script from a test: real TCP and TLS on loopback with a client certificate required,
 * the protocol's framing, Welcome to a Hello (naming the carrier the certificate's common name says), Pong to a
 * Ping. Everything a client sends is queued by body for the test to take, and the test pushes or answers frames.
 */
final class FakeGateway implements AutoCloseable {
  static final long WAIT_SECONDS = 10;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final Map<BodyCase, BlockingQueue<Envelope>> received = new EnumMap<>(BodyCase.class);
  private final BlockingQueue<Channel> sessions = new LinkedBlockingQueue<>();
  private final BlockingQueue<Throwable> tlsFailures = new LinkedBlockingQueue<>();
  private volatile Consumer<Welcome.Builder> terms = terms -> {};
  private volatile ErrorNotice refusal;
  private volatile boolean silent;
  private volatile Channel current;

  FakeGateway(SslContext tls) {
    for (BodyCase body : BodyCase.values()) {
      received.put(body, new LinkedBlockingQueue<>());
    }
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            Frames.install(ch.pipeline(), 1024 * 1024);
            ch.pipeline().addLast("script", new Script());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Changes what the next Welcomes announce; the defaults are the server's, with a 30 s ping interval. */
  FakeGateway welcome(Consumer<Welcome.Builder> terms) {
    this.terms = terms;
    return this;
  }

  /** Answers the next Hellos with this error and closes. */
  FakeGateway refuseHello(ErrorCode code, int status) {
    refusal = ErrorNotice.newBuilder().setCode(code).setStatus(status).setDetail("refused by the test")
        .setClosing(true).build();
    return this;
  }

  /** Stops answering Pings (and sends nothing unless told): a gateway that died without closing. */
  FakeGateway silent() {
    silent = true;
    return this;
  }

  /** The next frame of this body the client sent, waiting a bounded time for it. */
  Envelope next(BodyCase body) throws InterruptedException {
    Envelope envelope = received.get(body).poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(envelope).as("a %s from the client within %d s", body, WAIT_SECONDS).isNotNull();
    return envelope;
  }

  /** The frames of this body the client sent and the test has not taken. */
  BlockingQueue<Envelope> received(BodyCase body) {
    return received.get(body);
  }

  /** Waits for the next session to open (a Welcome sent) and returns its channel. */
  Channel nextSession() throws InterruptedException {
    Channel channel = sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(channel).as("a session within %d s", WAIT_SECONDS).isNotNull();
    return channel;
  }

  Throwable nextTlsFailure() throws InterruptedException {
    Throwable failure = tlsFailures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).as("a failed TLS handshake within %d s", WAIT_SECONDS).isNotNull();
    return failure;
  }

  /** Answers a request with the same correlation id. */
  void answer(Envelope request, Consumer<Envelope.Builder> body) {
    send(request.getHeader().getCorrelationId(), body);
  }

  /** Pushes a frame with the server's id {@code id} (by the protocol, "s:..."). */
  void send(String id, Consumer<Envelope.Builder> body) {
    Envelope.Builder frame = Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id));
    body.accept(frame);
    current.writeAndFlush(frame.build()).syncUninterruptibly();
  }

  /** Closes the current connection, as a crashed gateway instance would. */
  void dropConnection() {
    current.close().syncUninterruptibly();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Script extends SimpleChannelInboundHandler<Envelope> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
        tlsFailures.add(tls.cause());
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) throws Exception {
      received.get(envelope.getBodyCase()).add(envelope);
      String id = envelope.getHeader().getCorrelationId();
      if (envelope.hasHello()) {
        current = ctx.channel();
        if (refusal != null) {
          ctx.writeAndFlush(frame(id).setError(refusal).build()).addListener(done -> ctx.close());
          return;
        }
        Welcome.Builder welcome = Welcome.newBuilder().setProtocolVersion(1).setCarrierId(carrierOf(ctx))
            .setMaxFrameBytes(64 * 1024).setMaxInFlight(1_024).setPingInterval(Duration.newBuilder().setSeconds(30))
            .setRegime("cn");
        terms.accept(welcome);
        ctx.writeAndFlush(frame(id).setWelcome(welcome).build());
        sessions.add(ctx.channel());
      } else if (envelope.hasPing() && !silent) {
        ctx.writeAndFlush(frame(id).setPong(Pong.getDefaultInstance()).build());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    /** The common name of the client certificate's subject, as the real gateway takes it. */
    private static String carrierOf(ChannelHandlerContext ctx) throws Exception {
      X509Certificate certificate = (X509Certificate) ctx.pipeline().get(SslHandler.class).engine().getSession()
          .getPeerCertificates()[0];
      return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
          .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
          .findFirst().orElseThrow();
    }

    private static Envelope.Builder frame(String id) {
      return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id));
    }
  }
}
