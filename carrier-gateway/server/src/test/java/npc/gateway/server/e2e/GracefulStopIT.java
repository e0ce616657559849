package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import npc.gateway.server.GatewaySettings;
import npc.gateway.server.RawCarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop with requests in flight, on real TLS and the real database: the requests running at the stop are answered
 * before SHUTTING_DOWN, which is the connection's last frame; nothing is answered after it.
 */
class GracefulStopIT {
  private static final int REQUESTS = 300;

  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_stop", dir);
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void requestsRunningAtTheStopAreAnsweredBeforeShuttingDownAndNoneAfter() throws Exception {
    // Two workers: most requests wait in the queue, two run at any time.
    GatewayHarness.Instance instance = harness.startInstance(settings -> new GatewaySettings(settings.host(),
        settings.port(), settings.maxFrameBytes(), settings.maxInFlight(), settings.pingInterval(),
        settings.helloTimeout(), 2, settings.writeLowWater(), settings.writeHighWater(), settings.unwritableLimit(),
        settings.maxPendingBytes(), settings.push(), settings.sendBufferBytes()));
    RawCarrier cu = harness.raw("CU", instance, group);
    for (int i = 0; i < REQUESTS; i++) {
      cu.channel().write(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
          .setCorrelationId("q-" + i)).setEligibilityQuery(EligibilityQueryRequest.newBuilder()
              .setMsisdn(String.format("+86139%08d", i)).setSubscriberType(SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL)
              .setSubscriber(SubscriberIdentity.newBuilder().setName("Zhang Wei").setIdNumber("110101199003071234")))
          .build());
    }
    cu.channel().flush();
    List<Envelope> frames = new ArrayList<>();
    for (int i = 0; i < 5; i++) { // by then the server has read every request: they left in one flush
      Envelope answer = cu.received().poll(30, TimeUnit.SECONDS);
      assertThat(answer).as("an answer").isNotNull();
      frames.add(answer);
    }

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> instance.gateway().close());
    assertThat(cu.channel().closeFuture().await(60, TimeUnit.SECONDS)).isTrue();
    stopping.get(60, TimeUnit.SECONDS);
    cu.received().drainTo(frames);

    Envelope last = frames.get(frames.size() - 1);
    assertThat(last.getError().getCode()).as("the last frame, after %s", frames.subList(Math.max(0, frames.size() - 3),
        frames.size() - 1)).isEqualTo(ErrorCode.SHUTTING_DOWN);
    List<Envelope> answers = frames.subList(0, frames.size() - 1);
    Set<String> answered = new HashSet<>();
    for (Envelope answer : answers) {
      assertThat(answer.getError().getCode()).as("no other SHUTTING_DOWN").isNotEqualTo(ErrorCode.SHUTTING_DOWN);
      assertThat(answered.add(answer.getHeader().getCorrelationId())).as("each answered once").isTrue();
    }
    int discarded = instance.gateway().discardedAtStop();
    assertThat(discarded).as("the stop came while requests waited").isPositive();
    assertThat(answers).as("every request but those never started was answered, the running ones included")
        .hasSize(REQUESTS - discarded);
  }
}
