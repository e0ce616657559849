package npc.gateway.client;

import com.google.protobuf.Timestamp;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Ping;
import npc.gateway.protocol.v1.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's one connection at a time: connects, reconnects with backoff until closed, opens a session on each
 * connection, sends on it, and hands what arrives to the in-flight requests, the notification inbox and the
 * routing stream. All its state changes on the client's single event loop thread; {@link #session()} may be read
 * from any thread.
 */
final class Link implements Outbound {
  private static final Logger LOG = LoggerFactory.getLogger(Link.class);
  static final int PROTOCOL_VERSION = 1;

  private final ClientConfig config;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final CarrierListener listener;
  private final Executor callbacks;
  private final Executor listenerLane;
  private final InFlightRequests requests;
  private final NotificationInbox inbox;
  private final RoutingStream routing;
  private final AtomicLong ids = new AtomicLong();
  private final RandomGenerator random = RandomGenerator.getDefault();
  private final List<CompletableFuture<Session>> sessionWaiters = new ArrayList<>();
  private volatile Session session;
  private Channel channel;
  private int attempt;
  private boolean closed;
  private ScheduledFuture<?> reconnect;

  Link(ClientConfig config, EventLoop loop, CarrierListener listener, Executor callbacks, RoutingMirror mirror) {
    this.config = config;
    this.loop = loop;
    this.listener = listener;
    this.callbacks = callbacks;
    this.listenerLane = new SerialExecutor(callbacks);
    this.requests = new InFlightRequests(loop);
    this.inbox = new NotificationInbox(listener, listenerLane, new DeliveryLedger(config.dedupCapacity()), this,
        loop);
    this.routing = new RoutingStream(mirror, this, loop, config.requestTimeout(), config.manualRoutingAcks());
    this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("tls", config.tls().newHandler(ch.alloc(), config.host(), config.port()));
            Frames.install(ch.pipeline(), config.maxInboundFrameBytes());
            ch.pipeline().addLast("session", new SessionHandler(Link.this, config.handshakeTimeout()));
          }
        });
  }

  Session session() {
    return session;
  }

  void start() {
    loop.execute(this::connect);
  }

  /** Completes with the open session, or the next one; on the callback executor. */
  void whenConnected(CompletableFuture<Session> waiter) {
    onLoop(() -> {
      Session open = session;
      if (closed) {
        callbacks.execute(() -> waiter.completeExceptionally(new NotSentException(NotSentException.Reason.CLOSED,
            "the client is closed")));
      } else if (open != null) {
        callbacks.execute(() -> waiter.complete(open));
      } else {
        sessionWaiters.add(waiter);
      }
    }, waiter);
  }

  @Override
  public <Q, A> CompletableFuture<A> request(Operation<Q, A> operation, Q body, Duration timeout,
      Executor completer) {
    CompletableFuture<A> future = new CompletableFuture<>();
    onLoop(() -> send(operation, body, timeout, completer, future), future);
    return future;
  }

  @Override
  public void oneWay(Consumer<Envelope.Builder> body) {
    write("c-" + ids.incrementAndGet(), body);
  }

  /** The application's acknowledgement of the routing log up to {@code position}, sent from the event loop. */
  void acknowledgeRoutes(long position) {
    loop.execute(() -> routing.acknowledgeUpTo(position));
  }

  /** Closes the connection and stops reconnecting; the returned future completes once the connection is gone. */
  Future<?> close() {
    closed = true;
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    failWaiters(new NotSentException(NotSentException.Reason.CLOSED, "the client is closed"));
    if (channel == null) {
      return loop.newSucceededFuture(null);
    }
    inbox.flushWaiting();
    routing.flushWaiting();
    return channel.close();
  }

  String sendHello(Channel ch) {
    String id = "hello-" + ids.incrementAndGet();
    ch.writeAndFlush(frame(PROTOCOL_VERSION, id, body -> body.setHello(Hello.newBuilder()
        .setMinVersion(PROTOCOL_VERSION).setMaxVersion(PROTOCOL_VERSION)
        .setClientName(config.clientName()).setClientVersion(config.clientVersion()))));
    return id;
  }

  void opened(Channel ch, Session opened) {
    attempt = 0;
    session = opened;
    LOG.info("Session open: carrier {}, protocol version {}, regime {}; at most {} requests in flight, frames of "
        + "{} bytes, ping every {} ms", opened.carrierId(), opened.protocolVersion(), opened.regime(),
        opened.maxInFlight(), opened.maxFrameBytes(), opened.pingInterval().toMillis());
    if (config.routingStream()) {
      routing.start();
    }
    listenerLane.execute(() -> listener.onSessionOpened(opened));
    List<CompletableFuture<Session>> waiting = new ArrayList<>(sessionWaiters);
    sessionWaiters.clear();
    callbacks.execute(() -> waiting.forEach(waiter -> waiter.complete(opened)));
  }

  void refused(GatewayException refusal) {
    LOG.error("The gateway refused the session: {}", refusal.getMessage());
    failWaiters(refusal);
  }

  void ping() {
    oneWay(body -> body.setPing(Ping.getDefaultInstance()));
  }

  void received(Envelope envelope) {
    switch (envelope.getBodyCase()) {
      case PING -> write(envelope.getHeader().getCorrelationId(), body -> body.setPong(Pong.getDefaultInstance()));
      case PONG -> LOG.trace("Pong {}", envelope.getHeader().getCorrelationId());
      case ROUTING_UPDATES -> {
        routing.onUpdates(envelope.getRoutingUpdates());
        requests.answer(envelope);
      }
      case ROUTING_SNAPSHOT -> {
        routing.onSnapshot(envelope.getRoutingSnapshot());
        requests.answer(envelope);
      }
      default -> {
        if (!inbox.accept(envelope) && !requests.answer(envelope)) {
          unmatched(envelope);
        }
      }
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    ChannelFuture connecting = bootstrap.connect(config.host(), config.port());
    channel = connecting.channel();
    channel.closeFuture().addListener(done -> disconnected(connecting.channel()));
    connecting.addListener((ChannelFuture done) -> {
      if (!done.isSuccess()) {
        LOG.warn("Cannot connect to the gateway {}:{}: {}", config.host(), config.port(), done.cause().toString());
        done.channel().close();
      }
    });
  }

  private void disconnected(Channel ch) {
    if (ch != channel) {
      return;
    }
    channel = null;
    if (session != null) {
      session = null;
      LOG.info("Session closed");
      requests.connectionLost("the connection to the gateway closed");
      inbox.stop();
      routing.stop();
      listenerLane.execute(listener::onSessionClosed);
    }
    if (!closed) {
      Duration delay = config.backoff().delay(attempt++, random);
      LOG.info("Reconnecting to the gateway in {} ms (attempt {})", delay.toMillis(), attempt);
      reconnect = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private <Q, A> void send(Operation<Q, A> operation, Q body, Duration timeout, Executor completer,
      CompletableFuture<A> future) {
    Session open = session;
    if (closed || open == null) {
      refuse(future, completer, closed ? NotSentException.Reason.CLOSED : NotSentException.Reason.NOT_CONNECTED,
          closed ? "the client is closed" : "no session is open; the client is connecting");
      return;
    }
    if (requests.size(operation) >= open.maxInFlight()) {
      refuse(future, completer, NotSentException.Reason.TOO_MANY_IN_FLIGHT, open.maxInFlight()
          + (operation.isDueAnswer() ? " answers" : " requests") + " await answers, the gateway's limit");
      return;
    }
    String id = "c-" + ids.incrementAndGet();
    Envelope frame = frame(open.protocolVersion(), id, envelope -> operation.body().accept(envelope, body));
    if (frame.getSerializedSize() > open.maxFrameBytes()) {
      refuse(future, completer, NotSentException.Reason.FRAME_TOO_LARGE, "a " + operation.name() + " of "
          + frame.getSerializedSize() + " bytes is longer than the gateway's " + open.maxFrameBytes());
      return;
    }
    requests.add(id, operation, future, timeout, completer);
    channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  private void write(String id, Consumer<Envelope.Builder> body) {
    Session open = session;
    if (open == null || channel == null) {
      return;
    }
    Envelope frame = frame(open.protocolVersion(), id, body);
    if (frame.getSerializedSize() > open.maxFrameBytes()) {
      LOG.warn("A {} of {} bytes is longer than the gateway's {}; not sent", frame.getBodyCase(),
          frame.getSerializedSize(), open.maxFrameBytes());
      return;
    }
    channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  private Envelope frame(int version, String id, Consumer<Envelope.Builder> body) {
    Instant now = config.clock().instant();
    Envelope.Builder frame = Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(version)
        .setCorrelationId(id).setSentAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond())
            .setNanos(now.getNano())));
    body.accept(frame);
    return frame.build();
  }

  private void unmatched(Envelope envelope) {
    if (envelope.hasError()) {
      ErrorNotice error = envelope.getError();
      LOG.warn("The gateway reports {} ({}): {}{}", error.getCode(), error.getStatus(), error.getDetail(),
          error.getClosing() ? "; it closes the connection" : "");
    } else {
      LOG.debug("Nothing waits for {} {}", envelope.getBodyCase(), envelope.getHeader().getCorrelationId());
    }
  }

  private static void refuse(CompletableFuture<?> future, Executor completer, NotSentException.Reason reason,
      String why) {
    completer.execute(() -> future.completeExceptionally(new NotSentException(reason, why)));
  }

  private void failWaiters(Throwable failure) {
    List<CompletableFuture<Session>> waiting = new ArrayList<>(sessionWaiters);
    sessionWaiters.clear();
    callbacks.execute(() -> waiting.forEach(waiter -> waiter.completeExceptionally(failure)));
  }

  private void onLoop(Runnable task, CompletableFuture<?> future) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new NotSentException(NotSentException.Reason.CLOSED, "the client is closed"));
    }
  }
}
