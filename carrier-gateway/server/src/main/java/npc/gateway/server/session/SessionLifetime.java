package npc.gateway.server.session;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;

/**
 * Ends a session at the server's maximum lifetime or at its certificate's expiry, whichever comes first, with
 * SESSION_EXPIRED: a certificate is checked at Hello only, so no session may outlive the checks it passed by more
 * than this. The carrier reconnects and is checked afresh.
 */
final class SessionLifetime {
  private SessionLifetime() {}

  static void limit(Channel channel, Instant now, long maxSessionMillis, Optional<Credential> credential,
      Runnable onExpiry) {
    long millis = maxSessionMillis;
    String why = "the session reached the server's maximum lifetime of " + maxSessionMillis + " ms; reconnect";
    if (credential.isPresent()) {
      long untilExpiry = Math.max(0, credential.get().notAfter().toEpochMilli() - now.toEpochMilli());
      if (untilExpiry < millis) {
        millis = untilExpiry;
        why = "the client certificate expired; reconnect with a registered certificate that is still valid";
      }
    }
    String detail = why;
    ScheduledFuture<?> end = channel.eventLoop().schedule(() -> {
      if (!Closing.isClosing(channel)) {
        onExpiry.run();
        Closing.close(channel, FrameErrorHandler.error(503, ErrorCode.SESSION_EXPIRED, detail));
      }
    }, millis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(closed -> end.cancel(false));
  }
}
