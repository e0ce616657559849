package npc.gateway.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.store.CassandraCarrierCertificates;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.server.RawCarrier;
import npc.gateway.server.log.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's edge on real TLS and a real registry: sessions per carrier bounded, new connections per second
 * bounded before TLS, a revocation written to the registry closing the open session within seconds.
 */
class ConnectionLimitsIT {
  @TempDir
  static Path dir;
  private static GatewayHarness harness;
  private static GatewayHarness.Instance instance;
  private static GatewayHarness.Instance slowAccepts;
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    harness = new GatewayHarness("gateway_limits", dir);
    instance = harness.startInstance(settings -> settings, GatewayHarness.TEST_LIMITS
        .withConnections(2, 512).withCertificateRefresh(Duration.ofMillis(500)));
    slowAccepts = harness.startInstance(settings -> settings, GatewayHarness.TEST_LIMITS.withAcceptRate(2, 100));
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    harness.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aCarrierAtItsSessionCapIsRefusedTooManyConnectionsWhileOthersStillConnect() throws Exception {
    List<RawCarrier> open = new ArrayList<>();
    open.add(harness.raw("CU", instance, group));
    open.add(harness.raw("CU", instance, group));

    RawCarrier third = RawCarrier.connect(group, instance.gateway().address(), harness.pki.carrierCertificate("CU"),
        harness.pki.carrierKey("CU"), harness.pki.caCertificate());
    third.channel().writeAndFlush(hello());
    Envelope error = third.received().poll(10, TimeUnit.SECONDS);
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
    assertThat(error.getError().getStatus()).isEqualTo(503);
    assertThat(third.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();

    open.add(harness.raw("CBN", instance, group)); // another carrier is not affected
    for (RawCarrier raw : open) {
      raw.channel().close().sync();
    }
  }

  @Test
  void aRevocationInTheRegistryClosesTheOpenSessionWithinSeconds() throws Exception {
    RawCarrier ct = harness.raw("CT", instance, group);
    new CassandraCarrierCertificates(harness.database.session())
        .revoke(harness.pki.carrierFingerprint("CT"), java.time.Instant.now());
    Envelope error = ct.received().poll(10, TimeUnit.SECONDS);
    assertThat(error).isNotNull();
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.CERTIFICATE_REVOKED);
    assertThat(ct.channel().closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    // and it cannot come back
    RawCarrier again = RawCarrier.connect(group, instance.gateway().address(), harness.pki.carrierCertificate("CT"),
        harness.pki.carrierKey("CT"), harness.pki.caCertificate());
    again.channel().writeAndFlush(hello());
    assertThat(again.received().poll(10, TimeUnit.SECONDS).getError().getCode())
        .isEqualTo(ErrorCode.CERTIFICATE_REVOKED);
  }

  @Test
  void aReconnectLoopFromOneAddressIsCutAtAcceptBeforeAnyTlsWork() throws Exception {
    long before = slowAccepts.gateway().counters().get(Refusal.ACCEPT_RATE);
    int handshakes = 0;
    for (int i = 0; i < 20; i++) {
      RawCarrier raw = RawCarrier.connect(group, slowAccepts.gateway().address(),
          harness.pki.carrierCertificate("CM"), harness.pki.carrierKey("CM"), harness.pki.caCertificate());
      if (raw.handshake().await(10, TimeUnit.SECONDS) && raw.handshake().isSuccess()) {
        handshakes++;
      }
      raw.channel().close().sync();
    }
    assertThat(handshakes).as("about two a second get as far as TLS").isLessThan(10);
    assertThat(slowAccepts.gateway().counters().get(Refusal.ACCEPT_RATE) - before).isGreaterThan(10);
  }

  private static Envelope hello() {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("h-1"))
        .setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1).setClientName("limits-it")).build();
  }
}
