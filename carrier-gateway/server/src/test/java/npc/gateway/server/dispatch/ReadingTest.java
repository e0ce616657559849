package npc.gateway.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadingTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aPausedConnectionIsReadAgainOnceThePauseIsOver() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();

    Reading.pause(channel, 400 * MS);
    assertThat(channel.config().isAutoRead()).isFalse();
    channel.advanceTimeBy(399, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).isFalse();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void theRefusalsOfTheReadUnderWayAddNoWakeUpOfTheirOwn() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    Reading.pause(channel, 400 * MS);
    for (int i = 0; i < 100; i++) { // the rest of the frames read with the one that was refused first
      Reading.pause(channel, MS);
    }

    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).as("still paused for the first refusal's time").isFalse();
    channel.advanceTimeBy(399, TimeUnit.MILLISECONDS);
    assertThat(channel.runScheduledPendingTasks()).as("nothing more scheduled").isEqualTo(-1);
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void aStoppedConnectionIsNotReadAgainWhenAPauseEnds() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    Reading.pause(channel, 400 * MS);
    Reading.stop(channel);

    channel.advanceTimeBy(400, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).isFalse();
  }
}
