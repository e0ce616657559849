package npc.gateway.server.frame;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.util.concurrent.RejectedExecutionException;
import npc.gateway.protocol.v1.Envelope;

/**
 * Ending a connection with a last error frame. The close waits for the frame to be written, and frames the peer
 * sent before it may still be in the read buffer: once a connection is closing, nothing more it sent is decoded
 * or handled ({@link FrameDecoder} drops the rest), so no request runs whose answer could never be delivered.
 */
public final class Closing {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf(Closing.class, "closing");

  private Closing() {}

  /**
   * Writes {@code error} as the connection's last frame, then closes it. Done on the channel's event loop, like every
   * {@link #answer}: an answer a worker finishes after this is dropped instead of following the last frame.
   */
  public static void close(Channel channel, Envelope error) {
    onLoop(channel, () -> {
      channel.attr(CLOSING).set(Boolean.TRUE);
      channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    });
  }

  /**
   * Writes a frame from any thread, unless the connection is closing: on the event loop, so that it is either before
   * the last frame or not written at all (the carrier resends what was never answered).
   */
  public static void answer(Channel channel, Envelope frame) {
    onLoop(channel, () -> {
      if (channel.attr(CLOSING).get() == null) {
        channel.writeAndFlush(frame);
      }
    });
  }

  private static void onLoop(Channel channel, Runnable write) {
    if (channel.eventLoop().inEventLoop()) {
      write.run();
    } else {
      try {
        channel.eventLoop().execute(write);
      } catch (RejectedExecutionException e) { // the loop stopped: the connection is gone, and so is the answer
      }
    }
  }

  /** Whether the connection is ending: what it sends from now on is ignored. */
  public static boolean isClosing(Channel channel) {
    return channel.attr(CLOSING).get() != null || !channel.isOpen();
  }
}
