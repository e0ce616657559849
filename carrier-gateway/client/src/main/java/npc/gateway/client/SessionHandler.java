package npc.gateway.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session: sends Hello once TLS is up, and closes the connection if no Welcome comes within the
 * handshake timeout. After Welcome it hands every frame to the {@link Link} and keeps the connection alive: a
 * Ping after the Welcome's ping interval without a frame sent, and the connection closed (as dead) after three
 * intervals without a frame received. The gateway answers every Ping, so a live gateway is never silent that long.
 */
final class SessionHandler extends SimpleChannelInboundHandler<Envelope> {
  private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
  private static final int SILENT_INTERVALS = 3;

  private final Link link;
  private final Duration handshakeTimeout;
  private String helloId;
  private ScheduledFuture<?> deadline;
  private boolean open;

  SessionHandler(Link link, Duration handshakeTimeout) {
    super(Envelope.class);
    this.link = link;
    this.handshakeTimeout = handshakeTimeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    deadline = ctx.executor().schedule(() -> {
      LOG.warn("No Welcome from {} within {} ms; closing", ctx.channel().remoteAddress(), handshakeTimeout.toMillis());
      ctx.close();
    }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent tls) {
      if (tls.isSuccess()) {
        helloId = link.sendHello(ctx.channel());
      } else {
        LOG.warn("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), tls.cause().toString());
      }
    } else if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        link.ping();
      } else if (idle.state() == IdleState.READER_IDLE) {
        LOG.warn("The gateway {} has been silent for {} ping intervals; closing the connection as dead",
            ctx.channel().remoteAddress(), SILENT_INTERVALS);
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
    if (open) {
      link.received(envelope);
    } else if (envelope.hasWelcome() && envelope.getHeader().getCorrelationId().equals(helloId)) {
      welcome(ctx, Session.of(envelope.getWelcome()));
    } else if (envelope.hasError()) {
      ErrorNotice refusal = envelope.getError();
      link.refused(new GatewayException(refusal));
      ctx.close();
    } else {
      LOG.warn("The gateway {} sent {} before Welcome; closing", ctx.channel().remoteAddress(), envelope.getBodyCase());
      ctx.close();
    }
  }

  private void welcome(ChannelHandlerContext ctx, Session session) {
    deadline.cancel(false);
    if (session.protocolVersion() != Link.PROTOCOL_VERSION) {
      LOG.error("The gateway chose protocol version {}, which this client does not speak; closing",
          session.protocolVersion());
      ctx.close();
      return;
    }
    open = true;
    long ping = session.pingInterval().toNanos();
    ctx.pipeline().addBefore(ctx.name(), "keep-alive",
        new IdleStateHandler(SILENT_INTERVALS * ping, ping, 0, TimeUnit.NANOSECONDS));
    link.opened(ctx.channel(), session);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("Closing the connection to {} after {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
