package npc.gateway.server.frame;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler: a frame the decoders refused is answered with its typed error and the connection is
 * closed (after a bad frame the byte stream cannot be trusted); any other failure is an INTERNAL error, logged.
 */
@ChannelHandler.Sharable
public final class FrameErrorHandler extends ChannelInboundHandlerAdapter {
  public static final FrameErrorHandler INSTANCE = new FrameErrorHandler();
  /** The correlation id of an error about the connection itself rather than about one request (protocol.md). */
  public static final String CONNECTION = "s:connection";
  private static final Logger LOG = LoggerFactory.getLogger(FrameErrorHandler.class);

  private FrameErrorHandler() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    FrameException frame = find(cause);
    Envelope error;
    if (frame != null) {
      LOG.info("Closing {}: {}", ctx.channel().remoteAddress(), frame.getMessage());
      error = error(frame.status(), frame.code(), frame.getMessage());
    } else {
      LOG.warn("Closing {} after an unexpected failure", ctx.channel().remoteAddress(), cause);
      error = error(500, ErrorCode.INTERNAL, "the server failed; reconnect and resend");
    }
    if (ctx.channel().isActive()) {
      Closing.close(ctx.channel(), error);
    } else {
      ctx.close();
    }
  }

  /** An error frame from the server about the connection itself. */
  public static Envelope error(int status, ErrorCode code, String detail) {
    return Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(CONNECTION))
        .setError(ErrorNotice.newBuilder().setStatus(status).setCode(code).setDetail(detail).setClosing(true))
        .build();
  }

  private static FrameException find(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof FrameException frame) {
        return frame;
      }
    }
    return null;
  }
}
