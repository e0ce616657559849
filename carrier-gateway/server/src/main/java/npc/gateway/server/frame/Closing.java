package npc.gateway.server.frame;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import npc.gateway.protocol.v1.Envelope;

/**
 * Ending a connection with a last error frame. The close waits for the frame to be written, and frames the peer
 * sent before it may still be in the read buffer: once a connection is closing, nothing more it sent is decoded
 * or handled ({@link FrameDecoder} drops the rest), so no request runs whose answer could never be delivered.
 */
public final class Closing {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf(Closing.class, "closing");

  private Closing() {}

  /** Writes {@code error} as the connection's last frame, then closes it. */
  public static void close(Channel channel, Envelope error) {
    channel.attr(CLOSING).set(Boolean.TRUE);
    channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether the connection is ending: what it sends from now on is ignored. */
  public static boolean isClosing(Channel channel) {
    return channel.attr(CLOSING).get() != null || !channel.isOpen();
  }
}
