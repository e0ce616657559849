package npc.gateway.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.server.frame.Closing;

/**
 * After Welcome, every frame must carry the version chosen at Hello; another version is answered
 * UNSUPPORTED_VERSION and the connection closes (protocol.md, Versions), before anything else looks at the frame.
 * Stands right after the handshake gate.
 */
public final class VersionCheck extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Session session = ctx.channel().attr(Session.KEY).get();
    if (session != null && msg instanceof Envelope envelope
        && envelope.getHeader().getProtocolVersion() != session.version()) {
      Closing.close(ctx.channel(), Envelope.newBuilder()
          .setHeader(Header.newBuilder().setProtocolVersion(session.version())
              .setCorrelationId(envelope.getHeader().getCorrelationId()))
          .setError(ErrorNotice.newBuilder().setStatus(426).setCode(ErrorCode.UNSUPPORTED_VERSION)
              .setDetail("this session speaks version " + session.version() + ", the frame says "
                  + envelope.getHeader().getProtocolVersion())
              .setClosing(true))
          .build());
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
