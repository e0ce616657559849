package npc.gateway.server.push;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one carrier from costing the server without bound: a connection whose output stays unwritable (the
 * carrier does not read) for {@code unwritableMillis}, or whose unsent output passes {@code maxPendingBytes}
 * whatever the timing, is closed with SLOW_CONSUMER; a connection silent past the idle limit is closed too. Each
 * such disconnection of a carrier with an open session is published for the audit. Stands just after the TLS
 * handler and the idle handler, so it sees every frame written as bytes, and the idle events.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final long unwritableMillis;
  private final long maxPendingBytes;
  private final DomainEvents audit;
  private final Clock clock;
  private final Disconnections record;
  private ScheduledFuture<?> stuck;
  private boolean closing;

  /**
   * Records what a disconnection for conduct is in the audit record, off the event loop; the connection closes only
   * once the future completes, so a carrier disconnected for its conduct is in the record before it is cut off.
   */
  @FunctionalInterface
  public interface Disconnections {
    /** Records nothing: the connection closes at once. */
    Disconnections NONE = (carrier, conduct, detail) -> CompletableFuture.completedFuture(null);

    CompletableFuture<Void> record(CarrierId carrier, String conduct, String detail);
  }

  public ConnectionGuard(long unwritableMillis, long maxPendingBytes, DomainEvents audit, Clock clock) {
    this(unwritableMillis, maxPendingBytes, audit, clock, Disconnections.NONE);
  }

  public ConnectionGuard(long unwritableMillis, long maxPendingBytes, DomainEvents audit, Clock clock,
      Disconnections record) {
    this.unwritableMillis = unwritableMillis;
    this.maxPendingBytes = maxPendingBytes;
    this.audit = audit;
    this.clock = clock;
    this.record = record;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable() && stuck == null) {
      stuck = ctx.executor().schedule(() -> {
        stuck = null;
        if (!ctx.channel().isWritable()) {
          disconnect(ctx, "SLOW_CONSUMER", "output unread for " + unwritableMillis + " ms");
        }
      }, unwritableMillis, TimeUnit.MILLISECONDS);
    } else if (ctx.channel().isWritable() && stuck != null) {
      stuck.cancel(false);
      stuck = null;
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes) {
      disconnect(ctx, "SLOW_CONSUMER", buffer.totalPendingWriteBytes() + " bytes of output unread");
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      Session session = ctx.channel().attr(Session.KEY).get();
      LOG.info("Closing {} ({}): silent past the idle limit", ctx.channel().remoteAddress(),
          session == null ? "no session" : session.carrier());
      recorded(session, "IDLE", "no frame within the idle limit").whenComplete((ok, error) -> ctx.close());
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (stuck != null) {
      stuck.cancel(false);
    }
  }

  private void disconnect(ChannelHandlerContext ctx, String reason, String detail) {
    if (closing) {
      return;
    }
    closing = true;
    Session session = ctx.channel().attr(Session.KEY).get();
    LOG.warn("Closing {} ({}): {}", ctx.channel().remoteAddress(), session == null ? "no session"
        : session.carrier(), detail);
    CompletableFuture<Void> recorded = recorded(session, reason, detail);
    // Written past the full buffer on purpose, through the encoder: it goes if the carrier reads before the close.
    Closing.close(ctx.channel(), Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(session == null ? 1 : session.version())
            .setCorrelationId(FrameErrorHandler.CONNECTION))
        .setError(ErrorNotice.newBuilder().setStatus(503).setCode(ErrorCode.SLOW_CONSUMER).setDetail(detail)
            .setClosing(true))
        .build());
    ctx.executor().schedule(() -> recorded.whenComplete((ok, error) -> ctx.close()), 1, TimeUnit.SECONDS);
  }

  /** Publishes the disconnection of a carrier with a session and records it; completes once it is recorded. */
  private CompletableFuture<Void> recorded(Session session, String reason, String detail) {
    if (session == null) {
      return CompletableFuture.completedFuture(null);
    }
    audit.publish(new DomainEvent.CarrierDisconnected(clock.instant(), session.carrier(), reason, detail));
    CompletableFuture<Void> recorded;
    try {
      recorded = record.record(session.carrier(), reason, detail);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded.whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("The disconnection of {} for {} could not be recorded: {}", session.carrier(), reason,
            error.toString());
      }
    });
  }
}
