package npc.gateway.server.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The frame codec on an EmbeddedChannel: no sockets, no sleeps. */
class FrameCodecTest {
  private static final int MAX = 1024;
  private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX), EnvelopeDecoder.INSTANCE,
      EnvelopeEncoder.INSTANCE, FrameErrorHandler.INSTANCE);

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  @Test
  void aFrameBecomesAnEnvelope() {
    Envelope hello = hello("c-1");
    assertThat(channel.writeInbound(frame(hello))).isTrue();
    assertThat((Envelope) channel.readInbound()).isEqualTo(hello);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void twoFramesInOneReadAndOneFrameSplitAcrossReadsBothArrive() {
    ByteBuf both = Unpooled.wrappedBuffer(frame(hello("a")), frame(ping("b")));
    channel.writeInbound(both);
    assertThat(((Envelope) channel.readInbound()).getHeader().getCorrelationId()).isEqualTo("a");
    assertThat(((Envelope) channel.readInbound()).getHeader().getCorrelationId()).isEqualTo("b");

    ByteBuf whole = frame(hello("c"));
    channel.writeInbound(whole.readRetainedSlice(3));
    assertThat((Object) channel.readInbound()).isNull();
    channel.writeInbound(whole.readRetainedSlice(whole.readableBytes()));
    whole.release();
    assertThat(((Envelope) channel.readInbound()).getHeader().getCorrelationId()).isEqualTo("c");
  }

  @Test
  void anEnvelopeWrittenOutIsOneLengthPrefixedFrame() throws InvalidProtocolBufferException {
    Envelope ping = ping("p");
    channel.writeOutbound(ping);
    ByteBuf out = channel.readOutbound();
    assertThat(out.readInt()).isEqualTo(ping.getSerializedSize());
    assertThat(Envelope.parseFrom(ByteBufUtil.getBytes(out))).isEqualTo(ping);
    out.release();
  }

  @Test
  void anOversizeFrameIsRefusedFromItsPrefixAloneAndTheConnectionCloses() throws InvalidProtocolBufferException {
    ByteBuf prefixOnly = Unpooled.buffer().writeInt(MAX + 1);
    channel.writeInbound(prefixOnly);
    assertError(ErrorCode.FRAME_TOO_LARGE, 413);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aFrameOfMaximumLengthIsAccepted() {
    Envelope big = Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId("x".repeat(MAX - 8))).build();
    assertThat(big.getSerializedSize()).isLessThanOrEqualTo(MAX);
    channel.writeInbound(frame(big));
    assertThat((Envelope) channel.readInbound()).isEqualTo(big);
  }

  @Test
  void bytesThatAreNotAnEnvelopeAreMalformed() throws InvalidProtocolBufferException {
    byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    channel.writeInbound(Unpooled.buffer().writeInt(garbage.length).writeBytes(garbage));
    assertError(ErrorCode.MALFORMED_FRAME, 400);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aFrameOfLengthZeroIsMalformed() throws InvalidProtocolBufferException {
    channel.writeInbound(Unpooled.buffer().writeInt(0));
    assertError(ErrorCode.MALFORMED_FRAME, 400);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void randomBytesNeverCrashTheDecoderAndNeverLeak() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      EmbeddedChannel fresh = new EmbeddedChannel(new FrameDecoder(MAX), EnvelopeDecoder.INSTANCE,
          EnvelopeEncoder.INSTANCE, FrameErrorHandler.INSTANCE);
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      fresh.writeInbound(Unpooled.wrappedBuffer(bytes));
      fresh.finishAndReleaseAll();
    }
    assertThat(channel.isOpen()).isTrue();
  }

  private void assertError(ErrorCode code, int status) throws InvalidProtocolBufferException {
    ByteBuf out = channel.readOutbound();
    assertThat(out).as("an error frame was written").isNotNull();
    out.skipBytes(4);
    Envelope error = Envelope.parseFrom(ByteBufUtil.getBytes(out));
    out.release();
    assertThat(error.getError().getCode()).isEqualTo(code);
    assertThat(error.getError().getStatus()).isEqualTo(status);
    assertThat(error.getError().getClosing()).isTrue();
  }

  private static ByteBuf frame(Envelope envelope) {
    byte[] bytes = envelope.toByteArray();
    return Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes);
  }

  private static Envelope hello(String id) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id))
        .setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1).setClientName("test")).build();
  }

  private static Envelope ping(String id) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id))
        .setPing(Ping.getDefaultInstance()).build();
  }
}
