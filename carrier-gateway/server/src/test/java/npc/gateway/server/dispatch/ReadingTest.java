package npc.gateway.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import npc.gateway.server.frame.FrameDecoder;
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

  @Test
  void theFramesAfterTheOneThatPausedAreNeitherDecodedNorReadOnUntilThePauseEnds() {
    List<Integer> handled = new ArrayList<>();
    int[] reads = new int[1];
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
      @Override
      public void read(ChannelHandlerContext ctx) {
        reads[0]++;
        ctx.read();
      }
    }, new FrameDecoder(1_024), new SimpleChannelInboundHandler<ByteBuf>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        int n = frame.readInt();
        handled.add(n);
        if (n == 2) {
          Reading.pause(ctx.channel(), 400 * MS); // refused for the rate
        }
      }
    });
    ByteBuf read = Unpooled.buffer();
    for (int n = 1; n <= 5; n++) {
      read.writeInt(4).writeInt(n);
    }

    reads[0] = 0;
    channel.writeInbound(read);
    channel.writeInbound(Unpooled.buffer().writeInt(4).writeShort(0)); // the TLS record's rest: half a sixth frame
    assertThat(handled).as("frames 3 to 5 held while paused").containsExactly(1, 2);
    assertThat(reads[0]).as("no read asked for while paused, though a read brought no frame").isZero();

    channel.advanceTimeBy(400, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(handled).as("decoded in order when the pause ends").containsExactly(1, 2, 3, 4, 5);
    channel.writeInbound(Unpooled.buffer().writeShort(6));
    assertThat(handled).as("the held half frame completed by the next read").containsExactly(1, 2, 3, 4, 5, 6);
  }
}
