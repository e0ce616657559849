package npc.gateway.server.push;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
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
  private ScheduledFuture<?> stuck;
  private boolean closing;

  public ConnectionGuard(long unwritableMillis, long maxPendingBytes, DomainEvents audit, Clock clock) {
    this.unwritableMillis = unwritableMillis;
    this.maxPendingBytes = maxPendingBytes;
    this.audit = audit;
    this.clock = clock;
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
      if (session != null) {
        audit.publish(new DomainEvent.CarrierDisconnected(clock.instant(), session.carrier(), "IDLE",
            "no frame within the idle limit"));
      }
      ctx.close();
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
    if (session != null) {
      audit.publish(new DomainEvent.CarrierDisconnected(clock.instant(), session.carrier(), reason, detail));
    }
    // Written past the full buffer on purpose, through the encoder: it goes if the carrier reads before the close.
    Closing.close(ctx.channel(), Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(session == null ? 1 : session.version())
            .setCorrelationId(FrameErrorHandler.CONNECTION))
        .setError(ErrorNotice.newBuilder().setStatus(503).setCode(ErrorCode.SLOW_CONSUMER).setDetail(detail)
            .setClosing(true))
        .build());
    ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
  }
}
