package npc.gateway.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failed TLS handshake is counted, closes the connection, and reaches no handler that logs faults. */
class QuietTlsFailuresTest {
  private final GatewayCounters counters = new GatewayCounters();
  private final List<Throwable> passedOn = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel(
      new QuietTlsFailures(new RefusalLog(counters, Clock.systemUTC(), Duration.ofSeconds(10), line -> { })),
      new ChannelInboundHandlerAdapter() {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          passedOn.add(cause);
        }
      });

  @Test
  void aFailedHandshakeIsCountedOnceAndClosesTheConnectionQuietly() {
    SSLHandshakeException failure = new SSLHandshakeException("Empty client certificate chain");
    channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(failure));
    channel.pipeline().fireExceptionCaught(new DecoderException(failure));
    assertThat(counters.get(Refusal.TLS_HANDSHAKE_FAILED)).isEqualTo(1);
    assertThat(passedOn).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aConnectionResetByThePeerIsCountedQuietly() {
    channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
    assertThat(counters.get(Refusal.CONNECTION_BROKEN)).isEqualTo(1);
    assertThat(passedOn).isEmpty();
  }

  @Test
  void anyOtherFailureGoesOnToTheErrorHandler() {
    channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
    assertThat(passedOn).hasSize(1);
    assertThat(channel.isOpen()).isTrue();
  }
}
