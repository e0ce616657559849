package npc.gateway.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.frame.EnvelopeDecoder;
import npc.gateway.server.frame.EnvelopeEncoder;
import npc.gateway.server.frame.FrameDecoder;

/**
 * A carrier's connection without the SDK, for tests that must do what the SDK never would: present a stranger's
 * certificate, stop reading, go silent. TLS with the given client certificate, frames, envelopes; what arrives
 * is queued.
 */
public record RawCarrier(Channel channel, Future<Channel> handshake, BlockingQueue<Envelope> received) {

  /** Connects to {@code gateway} with the carrier certificate and key, trusting {@code ca}. */
  public static RawCarrier connect(EventLoopGroup group, InetSocketAddress gateway, Path certificate, Path key,
      Path ca) throws Exception {
    return connect(group, gateway, certificate, key, ca, 0);
  }

  /**
   * As {@link #connect(EventLoopGroup, InetSocketAddress, Path, Path, Path)}, with the kernel's receive buffer of
   * the connection set to {@code receiveBufferBytes} (0: the OS's), so that a carrier that stops reading holds
   * little of what is sent to it.
   */
  public static RawCarrier connect(EventLoopGroup group, InetSocketAddress gateway, Path certificate, Path key,
      Path ca, int receiveBufferBytes) throws Exception {
    return connect(group, gateway, tls(certificate, key, ca), receiveBufferBytes);
  }

  /** The client TLS context of a carrier: its certificate and key, trusting {@code ca}. */
  public static SslContext tls(Path certificate, Path key, Path ca) throws Exception {
    return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
        .keyManager(certificate.toFile(), key.toFile()).trustManager(ca.toFile()).build();
  }

  /** As {@link #connect(EventLoopGroup, InetSocketAddress, Path, Path, Path, int)}, with a TLS context made once. */
  public static RawCarrier connect(EventLoopGroup group, InetSocketAddress gateway, SslContext tls,
      int receiveBufferBytes) throws Exception {
    BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    AtomicReference<SslHandler> handshake = new AtomicReference<>();
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class);
    if (receiveBufferBytes > 0) {
      bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
    }
    Channel channel = bootstrap
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            handshake.set(tls.newHandler(ch.alloc(), "localhost", gateway.getPort()));
            ch.pipeline().addLast(handshake.get())
                .addLast(new FrameDecoder(4 * 1024 * 1024))
                .addLast(EnvelopeDecoder.INSTANCE)
                .addLast(EnvelopeEncoder.INSTANCE)
                .addLast(new SimpleChannelInboundHandler<Envelope>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                    received.add(msg);
                  }
                });
          }
        })
        .connect(gateway).sync().channel();
    // The handler's own future: a server that closes the connection at once removes it from the pipeline.
    return new RawCarrier(channel, handshake.get().handshakeFuture(), received);
  }
}
