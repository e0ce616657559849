package npc.gateway.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import npc.core.carrier.CarrierCertificates;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierSuspensions;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.core.notice.NoticeFeed;
import npc.core.notice.Outbox;
import npc.core.porting.PortingService;
import npc.core.routing.RouteSnapshots;
import npc.core.routing.RoutingCursors;
import npc.core.routing.RoutingDatabase;
import npc.core.routing.RoutingLog;
import npc.core.storage.OutageLog;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.admission.AcceptLimiter;
import npc.gateway.server.admission.SessionSlots;
import npc.gateway.server.dispatch.CarrierExecutor;
import npc.gateway.server.dispatch.Dispatcher;
import npc.gateway.server.dispatch.FairWorkers;
import npc.gateway.server.dispatch.Reading;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.dispatch.RequestRate;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.EnvelopeDecoder;
import npc.gateway.server.frame.EnvelopeEncoder;
import npc.gateway.server.frame.FrameDecoder;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.handler.CancelHandler;
import npc.gateway.server.handler.CodeRequestHandler;
import npc.gateway.server.handler.DeactivationHandler;
import npc.gateway.server.handler.DonorAnswerHandler;
import npc.gateway.server.handler.EligibilityAnswerHandler;
import npc.gateway.server.handler.EligibilityQueryHandler;
import npc.gateway.server.handler.NumberReturnHandler;
import npc.gateway.server.handler.PendingQueries;
import npc.gateway.server.handler.PortRequestHandler;
import npc.gateway.server.handler.RegimeHandler;
import npc.gateway.server.handler.RoutingLookupHandler;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.log.QuietTlsFailures;
import npc.gateway.server.log.Refusal;
import npc.gateway.server.log.RefusalLog;
import npc.gateway.server.push.CarrierConnection;
import npc.gateway.server.push.ConnectionGuard;
import npc.gateway.server.push.Connections;
import npc.gateway.server.push.PushContext;
import npc.gateway.server.push.SnapshotGate;
import npc.gateway.server.session.CarrierIdentities;
import npc.gateway.server.session.HandshakeGate;
import npc.gateway.server.session.InFlightLimiter;
import npc.gateway.server.session.VersionCheck;
import npc.gateway.server.session.Versions;
import npc.gateway.server.tls.CertificateIdentities;
import npc.gateway.server.tls.CertificateRegistry;
import npc.gateway.server.tls.RevocationWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier gateway: listens with mutual TLS, admits a new connection within the accept rate and the connection
 * cap (before any TLS work), and gives each connection the pipeline TLS → quiet TLS failures → flush consolidation → idle limit → connection guard → frames (hard maximum) → envelopes → handshake gate →
 * version check → in-flight limit → dispatcher → one handler per body → the core's application service. Also keeps
 * this instance's routing database current for lookups. {@link #events()} must receive the service's events, so that what this instance writes is
 * pushed at once rather than at the next tick.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  /** Expected refusals of one kind are logged at most once in this interval, with their count. */
  private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);
  /** Connections beyond the session cap still admitted at accept: room for handshakes under way. */
  static final int HANDSHAKE_ROOM = 64;
  /** The most bytes one read of a connection takes, a read per turn of its event loop (see readPerTurn). */
  static final int READ_PER_TURN = 16 * 1024;

  /** What the gateway serves with. */
  public record Parts(PortingService service, Outbox outbox, RoutingLog log, RouteSnapshots snapshots,
      RoutingCursors cursors, RoutingDatabase routes, DomainEvents audit, Clock clock,
      CarrierCertificates certificates, CarrierSuspensions suspensions) {

    /** Without suspensions: a gateway run with no operator's service. */
    public Parts(PortingService service, Outbox outbox, RoutingLog log, RouteSnapshots snapshots,
        RoutingCursors cursors, RoutingDatabase routes, DomainEvents audit, Clock clock,
        CarrierCertificates certificates) {
      this(service, outbox, log, snapshots, cursors, routes, audit, clock, certificates, CarrierSuspensions.none());
    }
  }

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final FairWorkers workers;
  private final ScheduledExecutorService pushers;
  /** Catches the routing database up with the log: lookups depend on it, so it never waits behind pushers. */
  private final ScheduledExecutorService routingCatchUp;
  /** The catch-up runs every tick: a database outage is told when it starts and ends, not at each tick. */
  private final OutageLog catchUpOutage = new OutageLog(LOG,
      "Catching the routing database up with the log (lookups lag meanwhile)");
  private final SnapshotGate snapshotGate;
  private final Connections connections;
  private final RoutingDatabase routes;
  private final Channel listener;
  private final DomainEvents events;
  private final ScheduledExecutorService identityThread;
  private final ChannelGroup channels;
  private final GatewayCounters counters = new GatewayCounters();
  private final long drainMillis;
  private volatile int discardedAtStop;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GatewayServer(GatewaySettings settings, ConnectionLimits limits, SslContext tls, Parts parts)
      throws InterruptedException {
    this.routes = parts.routes();
    channels = new DefaultChannelGroup("carriers", GlobalEventExecutor.INSTANCE);
    RefusalLog refusals = new RefusalLog(counters, parts.clock(), REFUSAL_LOG_INTERVAL);
    this.drainMillis = limits.drainTimeout().toMillis();
    AcceptLimiter accepts = new AcceptLimiter(limits.acceptsPerSecondPerAddress(), limits.acceptsPerSecond(),
        limits.maxConnections() + HANDSHAKE_ROOM, System::nanoTime);
    SessionSlots slots = new SessionSlots(limits.maxSessionsPerCarrier(), limits.maxConnections());
    CertificateRegistry registry = new CertificateRegistry(parts.certificates(), parts.suspensions());
    registry.refresh();
    RevocationWatch revocations = new RevocationWatch(registry, parts.clock(), counters);
    identityThread = Executors.newSingleThreadScheduledExecutor(threads("npc-gateway-identity"));
    long refresh = limits.certificateRefresh().toMillis();
    identityThread.scheduleWithFixedDelay(() -> {
      if (registry.refresh()) {
        revocations.sweep(channels);
      }
    }, refresh, refresh, TimeUnit.MILLISECONDS);
    boss = new MultiThreadIoEventLoopGroup(1, threads("npc-gateway-accept"), NioIoHandler.newFactory());
    io = new MultiThreadIoEventLoopGroup(0, threads("npc-gateway-io"), NioIoHandler.newFactory());
    // Fair and bounded: a turn for each carrier in line, a quota per carrier over all its connections, a queue
    // bound for the instance (BUSY beyond any).
    GatewaySettings.Quotas quotas = settings.quotas();
    workers = new FairWorkers(settings.workerThreads(), quotas.carrierInFlight(),
        Math.min(quotas.carrierRunning(), settings.workerThreads()),
        Math.min(quotas.instanceRunning(), settings.workerThreads()), settings.workerThreads() * 256,
        threads("npc-gateway-worker"));
    pushers = Executors.newScheduledThreadPool(2, threads("npc-gateway-push"));
    snapshotGate = new SnapshotGate(quotas.snapshotThreads(), quotas.snapshotQueue(), quotas.snapshotsPerCarrier(),
        threads("npc-gateway-snapshot"));
    connections = new Connections(new PushContext(parts.service(), parts.outbox(), parts.log(), routes::position,
        parts.snapshots(), parts.cursors(), snapshotGate, settings.push(), parts.clock()), pushers);
    long tick = settings.push().tickMillis();
    routingCatchUp = Executors.newSingleThreadScheduledExecutor(threads("npc-gateway-routing"));
    routingCatchUp.scheduleWithFixedDelay(this::catchUpRoutes, tick, tick, TimeUnit.MILLISECONDS);
    PendingQueries pendingQueries = new PendingQueries(settings.quotas().queriesPerDonor(), parts.service()::now);
    events = event -> {
      if (event instanceof DomainEvent.RouteChanged) {
        routingCatchUp.execute(this::catchUpRoutes); // which wakes the routing streams
      } else {
        pendingQueries.publish(event);
        connections.publish(event);
      }
    };

    Map<BodyCase, RequestHandler> handlers = handlers(parts, pendingQueries);
    CarrierExecutor admitted = new RequestRate(workers, quotas.carrierRate(), quotas.carrierBurst());
    CarrierIdentities identities = new CertificateIdentities(parts.service().regime().carriers(), registry,
        parts.clock());
    HandshakeGate.Terms terms = new HandshakeGate.Terms(Versions.SUPPORTED, settings.helloTimeout().toMillis(),
        settings.maxFrameBytes(), settings.maxInFlight(), settings.pingInterval().toMillis(),
        parts.service().regime().id(), limits.maxSessionLifetime().toMillis());
    long idleMillis = settings.pingInterval().toMillis() * 3;
    // A disconnection for conduct is recorded off the event loop (the write is awaited), then the connection closes.
    ConnectionGuard.Disconnections disconnections = (carrier, conduct, detail) -> CompletableFuture.runAsync(
        () -> parts.service().recordDisconnection(carrier, conduct, detail), pushers);
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(settings.writeLowWater(), settings.writeHighWater()))
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, readPerTurn());
    if (settings.sendBufferBytes() > 0) {
      bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
    }
    bootstrap
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            // Before any TLS work: a connection beyond the rate or the cap costs the server nothing more.
            AcceptLimiter.Verdict verdict = accepts.admit(ch.remoteAddress().getAddress(), channels.size());
            if (verdict != AcceptLimiter.Verdict.ADMITTED) {
              refusals.refused(verdict == AcceptLimiter.Verdict.TOO_MANY_OPEN ? Refusal.TOO_MANY_CONNECTIONS
                  : Refusal.ACCEPT_RATE, ch.remoteAddress(), verdict.name());
              ch.close();
              return;
            }
            channels.add(ch);
            ch.pipeline()
                .addLast("tls", tls.newHandler(ch.alloc()))
                .addLast("tls-failures", new QuietTlsFailures(refusals))
                // Many frames written in one pass of the event loop leave as one TLS record and one write call.
                .addLast("flushes", new FlushConsolidationHandler(256, true))
                .addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                .addLast("guard", new ConnectionGuard(settings.unwritableLimit().toMillis(),
                    settings.maxPendingBytes(), parts.audit(), parts.clock(), disconnections))
                .addLast("frames", new FrameDecoder(settings.maxFrameBytes()))
                .addLast("envelopes", EnvelopeDecoder.INSTANCE)
                .addLast("encoder", EnvelopeEncoder.INSTANCE)
                .addLast("handshake", new HandshakeGate(terms, identities, slots, refusals, parts.clock()))
                .addLast("version", new VersionCheck())
                .addLast("in-flight", new InFlightLimiter(settings.maxInFlight()))
                .addLast("dispatcher", new Dispatcher(handlers, admitted, connections,
                    settings.maxInFlight(), disconnections, counters.requests()))
                .addLast("errors", FrameErrorHandler.INSTANCE);
          }
        });
    try {
      listener = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
    } catch (Exception e) { // also the BindException that Netty throws undeclared
      release();
      throw e;
    }
    LOG.info("Carrier gateway listening on {}", listener.localAddress());
  }

  /** Starts the gateway with the default connection limits. */
  public static GatewayServer start(GatewaySettings settings, SslContext tls, Parts parts) {
    return start(settings, ConnectionLimits.DEFAULTS, tls, parts);
  }

  /** Starts the gateway. Fails if the address is taken, after stopping every thread it started. */
  public static GatewayServer start(GatewaySettings settings, ConnectionLimits limits, SslContext tls, Parts parts) {
    try {
      return new GatewayServer(settings, limits, tls, parts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the gateway started", e);
    }
  }

  /**
   * What the event loop reads of one connection before it turns to the others and to its tasks (among them the
   * pushers' writes to every connection it serves): one read of at most {@link #READ_PER_TURN} bytes. Netty's default
   * reads up to 16 times 64 KiB, about ten thousand small frames to decode, refuse and answer, so a carrier flooding
   * one connection held back, by a tenth of a second and more, the notices of every other carrier on its loop.
   */
  private static RecvByteBufAllocator readPerTurn() {
    AdaptiveRecvByteBufAllocator allocator = new AdaptiveRecvByteBufAllocator(512, 2_048, READ_PER_TURN);
    allocator.maxMessagesPerRead(1);
    return allocator;
  }

  /** One handler per request body; the dispatcher serves pings, acks and the routing subscription itself. */
  static Map<BodyCase, RequestHandler> handlers(Parts parts, PendingQueries pendingQueries) {
    PortingService service = parts.service();
    Map<BodyCase, RequestHandler> handlers = new EnumMap<>(BodyCase.class);
    handlers.put(BodyCase.ELIGIBILITY_QUERY, new EligibilityQueryHandler(service, pendingQueries,
        service.regime().numbers(), parts.routes()));
    handlers.put(BodyCase.ELIGIBILITY_ANSWER, new EligibilityAnswerHandler(service));
    handlers.put(BodyCase.CODE_REQUEST, new CodeRequestHandler(service));
    handlers.put(BodyCase.PORT_REQUEST, new PortRequestHandler(service));
    handlers.put(BodyCase.DONOR_ANSWER, new DonorAnswerHandler(service));
    handlers.put(BodyCase.CANCEL, new CancelHandler(service));
    handlers.put(BodyCase.DEACTIVATION, new DeactivationHandler(service));
    handlers.put(BodyCase.NUMBER_RETURN, new NumberReturnHandler(service));
    handlers.put(BodyCase.ROUTING_LOOKUP, new RoutingLookupHandler(service.regime().numbers(), parts.routes()));
    handlers.put(BodyCase.REGIME_REQUEST, new RegimeHandler(service.regime()));
    return handlers;
  }

  /** Where the application service's events go, so that what this instance writes is pushed at once. */
  public DomainEvents events() {
    return events;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** How many of each expected refusal this instance made: for the ops service to export. */
  public GatewayCounters counters() {
    return counters;
  }

  /** How many requests read but not started the last {@link #close()} discarded: none of them was answered. */
  public int discardedAtStop() {
    return discardedAtStop;
  }

  /** The sessions open on this instance. */
  public int sessions() {
    return connections.open().size();
  }

  /** The carriers with at least one session open on this instance. */
  public Set<CarrierId> connectedCarriers() {
    Set<CarrierId> carriers = new HashSet<>();
    for (CarrierConnection connection : connections.open()) {
      carriers.add(connection.session().carrier());
    }
    return carriers;
  }

  /**
   * What this instance holds for its peers now, to compare with the bounds of {@code server.md} ("Memory bounds"):
   * the connections, their output written and not yet taken by the kernel (all together, and the largest), the
   * requests read and waiting for a worker, and the most notices one carrier has unacknowledged.
   */
  public record Usage(int connections, long unsentBytes, long largestUnsentBytes, int requestsWaiting,
      int largestNoticesUnacknowledged) {}

  public Usage usage() {
    long total = 0;
    long largest = 0;
    int count = 0;
    for (Channel channel : channels) {
      ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
      long unsent = buffer == null ? 0 : buffer.totalPendingWriteBytes();
      total += unsent;
      largest = Math.max(largest, unsent);
      count++;
    }
    return new Usage(count, total, largest, workers.queued(), connections.largestUnacknowledged());
  }

  private void catchUpRoutes() {
    try {
      if (routes.catchUp() > 0) {
        connections.wakeRouting();
      }
      catchUpOutage.succeeded();
    } catch (RuntimeException e) {
      catchUpOutage.failed(e); // the next tick tries again
    }
  }

  /**
   * Stops accepting and reading, discards the requests not started, lets those running finish and be answered (for
   * the drain timeout at most), then tells every open session SHUTTING_DOWN and closes it, then stops the threads.
   * What was not acknowledged stays in the outboxes and the routing log for the carriers' next connection.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listener.close().syncUninterruptibly();
    for (Channel channel : channels) {
      Reading.stop(channel);
    }
    WorkerDrain.Outcome drained = WorkerDrain.drain(workers, drainMillis);
    discardedAtStop = drained.discarded();
    LOG.info("Carrier gateway stopping: {} requests not started were discarded; the running ones {}",
        drained.discarded(), drained.finished() ? "were answered"
            : "did not all finish within " + drainMillis + " ms");
    List<CarrierConnection> open = connections.open();
    for (CarrierConnection connection : open) {
      Closing.close(connection.channel(), FrameErrorHandler.error(503, ErrorCode.SHUTTING_DOWN,
          "the server is stopping; reconnect, to another instance if there is one"));
    }
    // The last frames leave before the event loops stop (a carrier slow to read gets at most this long).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (CarrierConnection connection : open) {
      connection.channel().closeFuture().awaitUninterruptibly(
          Math.max(0, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
    }
    release();
    LOG.info("Carrier gateway stopped");
  }

  /** Stops every thread the gateway started. */
  private void release() {
    identityThread.shutdownNow();
    connections.close();
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    pushers.shutdownNow();
    try { // what was pushed is recorded (the audit's told times) before the caller closes the database session
      if (!NoticeFeed.awaitRecords(Duration.ofSeconds(5))) {
        LOG.warn("The records of notices pushed were not all written within 5 s of stopping: the audit finds no "
            + "time their carriers were told");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    routingCatchUp.shutdownNow();
    snapshotGate.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
