package npc.gateway.server.log;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * Stands just after the TLS handler: a failed TLS handshake, or a connection the peer broke, is an expected event
 * from anyone who can reach the port, so it is counted and logged through the {@link RefusalLog} (one line per
 * interval, no stack trace), the connection closed, and the failure not passed on to the handlers that log faults.
 */
public final class QuietTlsFailures extends ChannelInboundHandlerAdapter {
  private final RefusalLog log;

  public QuietTlsFailures(RefusalLog log) {
    this.log = log;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      log.refused(Refusal.TLS_HANDSHAKE_FAILED, ctx.channel().remoteAddress(), String.valueOf(done.cause()));
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (find(cause, SSLException.class)) {
      ctx.close(); // counted once, by the handshake's completion event, or a broken record after it: nothing to say
      return;
    }
    if (cause instanceof IOException) {
      log.refused(Refusal.CONNECTION_BROKEN, ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private static boolean find(Throwable cause, Class<? extends Throwable> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
