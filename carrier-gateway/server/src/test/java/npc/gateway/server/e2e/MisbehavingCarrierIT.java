package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import npc.core.event.DomainEvent;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.server.GatewaySettings;
import npc.gateway.server.RawCarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carriers that do not play by the rules, on raw connections over real TLS: one that stops reading, one that goes
 * silent. Each is disconnected, the disconnection is published for the audit, and the others go on.
 */
class MisbehavingCarrierIT {
  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance strict;
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_misbehaving", dir);
    // Small buffers and short limits, so that a carrier's misconduct shows within seconds.
    strict = harness.startInstance(settings -> new GatewaySettings(settings.host(), settings.port(),
        settings.maxFrameBytes(), settings.maxInFlight(), Duration.ofMillis(500), settings.helloTimeout(),
        settings.workerThreads(), 8 * 1024, 32 * 1024, Duration.ofSeconds(1), 256 * 1024, settings.push(), 0));
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aCarrierThatStopsReadingIsDisconnectedAsASlowConsumer() throws Exception {
    RawCarrier raw = connect("CU");
    raw.channel().config().setAutoRead(false); // from now on the carrier reads nothing
    RoutingLookupRequest.Builder lookup = RoutingLookupRequest.newBuilder();
    for (int i = 0; i < 1_000; i++) {
      lookup.addMsisdns(String.format("+86139%08d", i));
    }
    for (int i = 0; i < 400 && raw.channel().isActive(); i++) {
      raw.channel().writeAndFlush(envelope("l-" + i).setRoutingLookup(lookup).build());
    }

    Inbox.until("the slow consumer is disconnected and audited", () -> harness.audit
        .of(DomainEvent.CarrierDisconnected.class).stream()
        .anyMatch(e -> e.carrier().value().equals("CU") && e.reason().equals("SLOW_CONSUMER")));
    Inbox.until("its session is gone", () -> strict.gateway().sessions() == 0);
    raw.channel().close().sync();
  }

  @Test
  void aCarrierSilentPastThreePingIntervalsIsDisconnected() throws Exception {
    RawCarrier raw = connect("CBN"); // sends Hello, then nothing: no ping
    assertThat(raw.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(harness.audit.of(DomainEvent.CarrierDisconnected.class))
        .anyMatch(e -> e.carrier().value().equals("CBN") && e.reason().equals("IDLE"));
  }

  /** A TLS connection with the carrier's certificate that has sent Hello and received Welcome. */
  private static RawCarrier connect(String carrier) throws Exception {
    RawCarrier raw = RawCarrier.connect(group, strict.gateway().address(), harness.pki.carrierCertificate(carrier),
        harness.pki.carrierKey(carrier), harness.pki.caCertificate());
    raw.channel().writeAndFlush(envelope("hello").setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1)
        .setClientName("misbehaving")).build());
    Envelope welcome = raw.received().poll(10, TimeUnit.SECONDS);
    assertThat(welcome).isNotNull();
    assertThat(welcome.getWelcome().getCarrierId()).isEqualTo(carrier);
    return raw;
  }

  private static Envelope.Builder envelope(String id) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId(id));
  }
}
