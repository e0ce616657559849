package npc.gateway.server.dispatch;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import npc.gateway.server.frame.FrameDecoder;

/**
 * Whether the server reads a connection: paused for a while when its carrier sends faster than its rate, stopped for
 * good when the server stops. A pause never undoes a stop.
 */
public final class Reading {
  private static final AttributeKey<Boolean> STOPPED = AttributeKey.valueOf("npc.reading-stopped");

  private Reading() {}

  /**
   * Reads nothing more from the connection for {@code nanos}, and decodes none of the frames the read under way
   * brought after the one being handled ({@link FrameDecoder#hold}); then decodes those and reads again, unless
   * reading was stopped. A pause while one runs does not add a second wake-up. On the connection's event loop.
   */
  static void pause(Channel channel, long nanos) {
    if (!channel.config().isAutoRead()) {
      return; // paused already (or stopped)
    }
    channel.config().setAutoRead(false);
    FrameDecoder.hold(channel);
    channel.eventLoop().schedule(() -> {
      if (!Boolean.TRUE.equals(channel.attr(STOPPED).get())) {
        channel.config().setAutoRead(true);
        FrameDecoder.release(channel);
      }
    }, nanos, TimeUnit.NANOSECONDS);
  }

  /** Reads nothing more from the connection, for good. */
  public static void stop(Channel channel) {
    channel.attr(STOPPED).set(true);
    channel.config().setAutoRead(false);
  }
}
