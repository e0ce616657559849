package npc.gateway.server.dispatch;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * Whether the server reads a connection: paused for a while when its carrier sends faster than its rate, stopped for
 * good when the server stops. A pause never undoes a stop.
 */
public final class Reading {
  private static final AttributeKey<Boolean> STOPPED = AttributeKey.valueOf("npc.reading-stopped");

  private Reading() {}

  /**
   * Reads nothing more from the connection for {@code nanos}, then reads again unless reading was stopped. A pause
   * while one runs does not add a second wake-up: a flood's refusals, hundreds a read, schedule one between them.
   */
  static void pause(Channel channel, long nanos) {
    if (!channel.config().isAutoRead()) {
      return; // paused already (or stopped): the frames of the read under way are answered meanwhile
    }
    channel.config().setAutoRead(false);
    channel.eventLoop().schedule(() -> {
      if (!Boolean.TRUE.equals(channel.attr(STOPPED).get())) {
        channel.config().setAutoRead(true);
      }
    }, nanos, TimeUnit.NANOSECONDS);
  }

  /** Reads nothing more from the connection, for good. */
  public static void stop(Channel channel) {
    channel.attr(STOPPED).set(true);
    channel.config().setAutoRead(false);
  }
}
