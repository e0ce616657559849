package npc.gateway.server.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Frames decoded per second by the gateway's first two handlers (length-prefix cut with its maximum, then
 * protobuf parsing), on one thread: a buffer of 1,000 port requests as a carrier would pipeline them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameDecodeBenchmark {
  static final int FRAMES = 1_000;

  private ByteBuf frames;
  private EmbeddedChannel channel;

  @Setup
  public void setUp() {
    frames = Unpooled.directBuffer();
    for (int i = 0; i < FRAMES; i++) {
      byte[] bytes = Envelope.newBuilder()
          .setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("c-" + i))
          .setPortRequest(PortRequest.newBuilder().setIdempotencyKey("key-" + i).setMsisdn("+86138" + (10_000_000 + i))
              .setOrderId("order-" + i).setChannel("outlet:BJ-0001")
              .setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL)
              .setSubscriber(SubscriberIdentity.newBuilder().setName("Zhang Wei").setIdNumber("110101199003071234"))
              .setAuthorisationCode("123456"))
          .build().toByteArray();
      frames.writeInt(bytes.length).writeBytes(bytes);
    }
    channel = new EmbeddedChannel(new FrameDecoder(FrameDecoder.DEFAULT_MAX_FRAME_BYTES), EnvelopeDecoder.INSTANCE);
  }

  @TearDown
  public void tearDown() {
    channel.finishAndReleaseAll();
    frames.release();
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decode(Blackhole sink) {
    channel.writeInbound(frames.retainedDuplicate());
    for (Object envelope; (envelope = channel.readInbound()) != null; ) {
      sink.consume(envelope);
    }
  }

  public static void main(String[] args) throws Exception {
    new Runner(new OptionsBuilder()
        .include(FrameDecodeBenchmark.class.getSimpleName())
        .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
        .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
        .jvmArgs("-Dio.netty.leakDetection.level=disabled")
        .build()).run();
    System.out.printf("frame size: %d bytes%n", frameSize());
  }

  static int frameSize() {
    FrameDecodeBenchmark b = new FrameDecodeBenchmark();
    b.setUp();
    int size = b.frames.readableBytes() / FRAMES;
    b.tearDown();
    return size;
  }
}
