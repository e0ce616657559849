package npc.gateway.server.e2e;

import com.google.protobuf.TextFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.RawCarrier;
import npc.gateway.server.frame.EnvelopeEncoder;

/**
 * CT's attack of {@link HostileCarrierIT}, as a program of its own: a real attacker sends from its own machine, so
 * what its sending costs (building, encoding and encrypting a flood) must not be taken from the processors of the
 * server it attacks. The test runs it in a JVM of its own at the lowest scheduling priority; the server still gets
 * the whole flood it can read.
 *
 * <p>Arguments: host, port, certificate, key, CA (PEM paths), and the number of flooding connections. It opens
 * them and floods every kind of request on them, encoded beforehand (the first connection never reads what it is
 * sent); it reconnects in a loop on another connection, with a routing subscribe past the head each time. It says
 * {@code READY} on its standard output once the reconnect loop is warm, and stops when its standard input ends,
 * saying {@code SENT <requests> RECONNECTS <count> REFUSED <count>}. Its numbers are CM's (block 139) from
 * 139 5000 0000 up, apart from those the test's honest carriers use.
 */
public final class HostileFlood {
  /** Requests encoded before the flood, sent over and over: at about 10,000 a second, 6 s before one repeats. */
  private static final int CYCLE = 60_000;
  private final AtomicLong numbers = new AtomicLong(50_000_000);
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong refusedReconnects = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  /** The reconnect loop's own thread: the flood keeps {@link #loops} busy. */
  private final EventLoopGroup reconnectLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final InetSocketAddress gateway;
  private final SslContext tls;
  /** The encoded requests, one frame after another, and where each begins (the last: where the buffer ends). */
  private ByteBuf frames;
  private int[] frameStarts;

  private HostileFlood(InetSocketAddress gateway, SslContext tls) {
    this.gateway = gateway;
    this.tls = tls;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: HostileFlood HOST PORT CERTIFICATE KEY CA CONNECTIONS");
      System.exit(2);
    }
    HostileFlood flood = new HostileFlood(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
        RawCarrier.tls(Path.of(args[2]), Path.of(args[3]), Path.of(args[4])));
    PrintStream out = System.out;
    try {
      List<RawCarrier> connections = flood.start(Integer.parseInt(args[5]));
      flood.awaitReconnects(10, Duration.ofSeconds(30));
      out.println("READY");
      out.flush();
      drain(System.in);
      flood.stop(connections);
      out.println("SENT " + flood.sent.get() + " RECONNECTS " + flood.reconnects.get() + " REFUSED "
          + flood.refusedReconnects.get());
      out.flush();
    } finally {
      flood.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
      flood.reconnectLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  /**
   * Waits for the reconnect loop to have made {@code count} connections: a new JVM's first TLS handshakes are slow,
   * and the attack is ready when it reconnects at the pace of a warm one.
   */
  private void awaitReconnects(int count, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (reconnects.get() < count && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  /** Returns when the stream ends: the test closed it, or died. */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // nothing to read but the end
    }
  }

  private List<RawCarrier> start(int count) throws Exception {
    encode();
    List<RawCarrier> connections = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RawCarrier raw = connect(loops);
      connections.add(raw);
      if (i == 0) {
        raw.channel().config().setAutoRead(false); // never reads what it is sent
      }
      int[] next = {(int) ((long) i * CYCLE / count)};
      raw.channel().eventLoop().scheduleAtFixedRate(() -> flood(raw, next), 0, 2, TimeUnit.MILLISECONDS);
    }
    Thread reconnecting = new Thread(() -> {
      while (running.get()) {
        try {
          RawCarrier again = connect(reconnectLoop);
          again.channel().writeAndFlush(envelope().setRoutingSubscribe(RoutingSubscribe.newBuilder()
              .setResumeAfter(Long.MAX_VALUE)).build());
          again.channel().close().sync();
          reconnects.incrementAndGet();
        } catch (Exception e) { // refused (the accept rate, the session cap): the loop goes on
          if (refusedReconnects.getAndIncrement() == 0) {
            System.err.println("CT's first refused reconnect: " + e);
          }
        }
      }
    }, "hostile-reconnects");
    reconnecting.setDaemon(true);
    reconnecting.start();
    return connections;
  }

  /**
   * Up to 1,024 requests of every kind while the connection takes them, as bytes encoded before the flood began (see
   * {@link #encode}); what it was answered is dropped.
   */
  private void flood(RawCarrier raw, int[] next) {
    Channel channel = raw.channel();
    raw.received().clear();
    if (!running.get() || !channel.isActive()) {
      return;
    }
    for (int i = 0; i < 16 && channel.isWritable(); i++) {
      int from = next[0];
      int to = Math.min(from + 64, frameStarts.length - 1);
      channel.write(frames.retainedSlice(frameStarts[from], frameStarts[to] - frameStarts[from]));
      sent.addAndGet(to - from);
      next[0] = to == frameStarts.length - 1 ? 0 : to;
    }
    channel.flush();
  }

  /**
   * Encodes {@link #CYCLE} requests of every kind into one buffer, frame after frame, before the flood: an attacker
   * that means it sends prepared bytes, so what each request costs it here is a copy and its encryption, and the
   * server, not the attacker's processor, sets how many it gets.
   */
  private void encode() {
    EmbeddedChannel encoder = new EmbeddedChannel(EnvelopeEncoder.INSTANCE);
    frames = Unpooled.directBuffer(CYCLE * 128);
    frameStarts = new int[CYCLE + 1];
    for (int i = 0; i < CYCLE; i++) {
      frameStarts[i] = frames.writerIndex();
      encoder.writeOutbound(request(i % 6));
      ByteBuf frame = encoder.readOutbound();
      frames.writeBytes(frame);
      frame.release();
    }
    frameStarts[CYCLE] = frames.writerIndex();
    encoder.finishAndReleaseAll();
  }

  private Envelope request(int kind) {
    Envelope.Builder envelope = envelope();
    return switch (kind) {
      case 0 -> envelope.setEligibilityQuery(GatewayIT.eligibilityQuery(cmNumber())).build();
      case 1 -> envelope.setPortRequest(PortRequest.newBuilder().setIdempotencyKey("h-" + ids.incrementAndGet())
          .setMsisdn(cmNumber()).setOrderId("o").setChannel("outlet:BJ-0001")
          .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL).setSubscriber(GatewayIT.ALICE)
          .setAuthorisationCode("000000")).build();
      case 2 -> envelope.setCodeRequest(AuthorisationCodeRequest.newBuilder().setMsisdn(cmNumber())
          .setSubscriber(GatewayIT.ALICE)).build();
      case 3 -> envelope.setRoutingLookup(RoutingLookupRequest.newBuilder().addMsisdns(cmNumber())
          .addMsisdns(cmNumber())).build();
      case 4 -> envelope.setCancel(CancelRequest.newBuilder().setPortId(UUID.randomUUID().toString())).build();
      default -> envelope.setRoutingSubscribe(RoutingSubscribe.newBuilder().setResumeAfter(Long.MAX_VALUE))
          .build();
    };
  }

  private void stop(List<RawCarrier> connections) {
    running.set(false);
    connections.forEach(raw -> raw.channel().close());
  }

  private RawCarrier connect(EventLoopGroup group) throws Exception {
    RawCarrier raw = RawCarrier.connect(group, gateway, tls, 0);
    raw.channel().writeAndFlush(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId("hello")).setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("hostile")).build());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Envelope welcome = null;
    while (welcome == null && raw.channel().isActive() && System.nanoTime() < until) {
      welcome = raw.received().poll(20, TimeUnit.MILLISECONDS); // a connection refused at accept is closed at once
    }
    if (welcome == null) {
      welcome = raw.received().poll();
    }
    if (welcome == null || !welcome.hasWelcome()) {
      raw.channel().close();
      throw new IOException("no Welcome for CT: "
          + (welcome == null ? "nothing" : TextFormat.shortDebugString(welcome)));
    }
    return raw;
  }

  private Envelope.Builder envelope() {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId("h" + ids.incrementAndGet()));
  }

  /** A China Mobile number (block 139) from 139 5000 0000 up. */
  private String cmNumber() {
    return "+86139" + numbers.incrementAndGet();
  }
}
