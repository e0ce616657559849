package npc.gateway.server.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import npc.core.storage.OutageLog;
import npc.core.storage.RequestWrites;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Pong;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.log.RequestCounts;
import npc.gateway.server.push.ConnectionGuard;
import npc.gateway.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an open session: hands each body to its one handler on the worker executor and writes what
 * it returns. Pings are answered on the event loop; acknowledgements and the
 * routing subscription go to the connection's pushers, and a routing acknowledgement they refuse is told under
 * {@code s:connection}. One instance per channel.
 */
public final class Dispatcher extends SimpleChannelInboundHandler<Envelope> {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** Carriers' requests failing on the database, over every connection of this JVM. */
  private static final OutageLog STORAGE = new OutageLog(LOG, "Serving carriers' requests from the database");

  private final Map<BodyCase, RequestHandler> handlers;
  private final CarrierExecutor workers;
  private final Pushers pushers;
  private final int rateRefusalsBeforeClose;
  private final ConnectionGuard.Disconnections disconnections;
  private final RequestCounts counts;
  private Pushers.Pusher connection;
  /** Requests of this connection refused for its carrier's rate since the last one admitted. */
  private int refusedForRate;

  /** Every carrier's requests on one executor, without quotas: for tests. */
  public Dispatcher(Map<BodyCase, RequestHandler> handlers, Executor workers, Pushers pushers) {
    this(handlers, workers, pushers, new RequestCounts());
  }

  /** As above, counting the requests answered in {@code counts}: for tests. */
  public Dispatcher(Map<BodyCase, RequestHandler> handlers, Executor workers, Pushers pushers, RequestCounts counts) {
    this(handlers, (CarrierExecutor) (carrier, request) -> workers.execute(request), pushers, Integer.MAX_VALUE,
        ConnectionGuard.Disconnections.NONE, counts);
  }

  /** As below, with counts of its own. */
  public Dispatcher(Map<BodyCase, RequestHandler> handlers, CarrierExecutor workers, Pushers pushers,
      int rateRefusalsBeforeClose, ConnectionGuard.Disconnections disconnections) {
    this(handlers, workers, pushers, rateRefusalsBeforeClose, disconnections, new RequestCounts());
  }

  /**
   * Requests run on {@code workers} as the carrier's: its quota, its turn. A connection refused for its carrier's
   * rate more than {@code rateRefusalsBeforeClose} times in a row, with no request admitted in between, is closed:
   * a carrier that stops sending when told to slow down has at most its in-flight window on the wire, so the
   * server's in-flight limit is the bound to give; more means it kept sending after BUSY, and every frame of such a
   * flood costs every carrier the processor time it takes to decode and refuse. The close is a disconnection for
   * conduct: recorded through {@code disconnections} (RATE_EXCEEDED) before the connection closes. Each request
   * answered (with its response or an error) is counted in {@code counts} by type and outcome.
   */
  public Dispatcher(Map<BodyCase, RequestHandler> handlers, CarrierExecutor workers, Pushers pushers,
      int rateRefusalsBeforeClose, ConnectionGuard.Disconnections disconnections, RequestCounts counts) {
    super(Envelope.class);
    if (rateRefusalsBeforeClose < 1) {
      throw new IllegalArgumentException("at least one refusal before a close: " + rateRefusalsBeforeClose);
    }
    this.handlers = new EnumMap<>(handlers);
    this.workers = workers;
    this.pushers = pushers;
    this.rateRefusalsBeforeClose = rateRefusalsBeforeClose;
    this.disconnections = disconnections;
    this.counts = counts;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof Session session && connection == null) {
      Pushers.Pusher opened = pushers.open(ctx.channel(), session);
      connection = opened;
      ctx.channel().closeFuture().addListener(closed -> opened.close());
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (connection != null && ctx.channel().isWritable()) {
      connection.wake();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Envelope request) {
    Session session = ctx.channel().attr(Session.KEY).get();
    if (session == null || connection == null) {
      throw new IllegalStateException("a request reached the dispatcher before the handshake finished");
    }
    if (Closing.isClosing(ctx.channel())) {
      return; // sent before the carrier saw the last frame: never handled
    }
    BodyCase body = request.getBodyCase();
    switch (body) {
      case PING -> ctx.writeAndFlush(response(session, request, Envelope.newBuilder().setPong(Pong.getDefaultInstance())));
      case PONG -> { }
      // Never answered under their own id (it may be the id of a request in flight: an answer would free its slot);
      // the pushers queue them and record them off the event loop. An acknowledgement the pushers refuse is told
      // under the connection's id.
      case NOTIFICATION_ACK -> connection.acknowledge(request.getNotificationAck());
      case ROUTING_ACK -> {
        if (!connection.acknowledge(request.getRoutingAck())) {
          ctx.writeAndFlush(aboutConnection(session, new RequestError(400, ErrorCode.INVALID_REQUEST, "RoutingAck "
              + "of position " + request.getRoutingAck().getPosition() + ", which this connection did not send; "
              + "nothing recorded")));
        }
      }
      case ROUTING_SUBSCRIBE -> run(ctx.channel(), session, request, false,
          () -> connection.subscribe(request.getHeader().getCorrelationId(), request.getRoutingSubscribe()));
      default -> {
        RequestHandler handler = handlers.get(body);
        if (handler == null) {
          counts.failed(body, ErrorCode.UNKNOWN_BODY);
          ctx.writeAndFlush(error(session, request, new RequestError(400, ErrorCode.UNKNOWN_BODY,
              "this server has no handler for " + body), false));
          return;
        }
        java.time.Instant receivedAt = handler.receivedAt(session, request);
        Runnable serve = () -> Closing.answer(ctx.channel(),
            response(session, request, handler.handle(session, request, receivedAt)));
        if (handler.blocks()) {
          run(ctx.channel(), session, request, receivedAt != null, serve);
        } else {
          guarded(ctx.channel(), session, request, serve);
        }
      }
    }
  }

  /**
   * Runs {@code work} on a worker as the carrier's, as an answer due by a deadline (a request with a receipt time) or
   * as new work; a failure is answered with its error notice, a refusal of the executor (the carrier's quota, or a
   * full server) with BUSY and the executor's reason.
   */
  private void run(Channel channel, Session session, Envelope request, boolean answer, Runnable work) {
    Runnable guarded = () -> guarded(channel, session, request, work);
    try {
      if (answer) {
        workers.executeAnswer(session.carrier(), guarded);
      } else {
        workers.execute(session.carrier(), guarded);
      }
      refusedForRate = 0;
    } catch (RejectedExecutionException e) {
      RequestError busy = new RequestError(503, ErrorCode.BUSY,
          e instanceof FairWorkers.Saturated && e.getMessage() != null ? e.getMessage()
              : "the server is saturated; wait for answers, then resend");
      counts.failed(request.getBodyCase(), ErrorCode.BUSY);
      if (!(e instanceof FairWorkers.Saturated saturated && saturated.pauseNanos() > 0)) {
        channel.writeAndFlush(error(session, request, busy, false));
      } else if (++refusedForRate == rateRefusalsBeforeClose + 1) {
        String detail = session.carrier() + " kept sending on this connection after " + rateRefusalsBeforeClose
            + " requests in a row were refused for its rate; the connection closes";
        Reading.stop(channel);
        Envelope last = error(session, request, new RequestError(503, ErrorCode.BUSY, detail), true);
        recorded(session, detail).whenComplete((ok, failure) -> Closing.close(channel, last));
      } else if (refusedForRate <= rateRefusalsBeforeClose) {
        channel.writeAndFlush(error(session, request, busy, false));
        Reading.pause(channel, saturated.pauseNanos());
      }
    }
  }

  /** The flood's disconnection recorded, or its failure logged: the connection closes either way. */
  private CompletableFuture<Void> recorded(Session session, String detail) {
    CompletableFuture<Void> recorded;
    try {
      recorded = disconnections.record(session.carrier(), "RATE_EXCEEDED", detail);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded.whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("The disconnection of {} for RATE_EXCEEDED could not be recorded: {}", session.carrier(),
            failure.toString());
      }
    });
  }

  /**
   * Runs {@code work} here; a failure is answered with its error notice, which says whether the request wrote
   * anything (what the database did with its statements is recorded while it runs).
   */
  private void guarded(Channel channel, Session session, Envelope request, Runnable work) {
    RequestWrites writes = RequestWrites.open();
    try {
      work.run();
      counts.ok(request.getBodyCase());
      if (writes.reachedTheDatabase()) {
        STORAGE.succeeded();
      }
    } catch (RuntimeException e) {
      RequestError error = Refusals.failure(e, writes);
      counts.failed(request.getBodyCase(), error.code());
      if (error.code() == ErrorCode.NOT_WRITTEN || error.code() == ErrorCode.STORAGE_UNAVAILABLE) {
        STORAGE.failed(e); // while the database is down, every request fails: told once, not each time
      } else if (error.code() == ErrorCode.INTERNAL) {
        LOG.warn("Request {} of {} failed: {}", request.getBodyCase(), session.carrier(), error.code(), e);
      } // any other error is a refusal the request asked for (BUSY for a quota among them): counted, not logged
      Closing.answer(channel, error(session, request, error, false));
    } finally {
      writes.close();
    }
  }

  static Envelope response(Session session, Envelope request, Envelope.Builder body) {
    return body.setHeader(Header.newBuilder().setProtocolVersion(session.version())
        .setCorrelationId(request.getHeader().getCorrelationId())).build();
  }

  /** An error about the connection rather than a request: under {@code s:connection}; the connection stays open. */
  static Envelope aboutConnection(Session session, RequestError error) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(session.version())
        .setCorrelationId(FrameErrorHandler.CONNECTION)).setError(error.notice()).build();
  }

  static Envelope error(Session session, Envelope request, RequestError error, boolean closing) {
    return response(session, request, Envelope.newBuilder().setError(error.notice().toBuilder().setClosing(closing)));
  }
}
