package npc.gateway.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshake on an EmbeddedChannel, with the version edges: lowest-1, lowest, current, current+1. */
class HandshakeGateTest {
  private static final HandshakeGate.Terms TERMS =
      new HandshakeGate.Terms(Versions.SUPPORTED, 10_000, 65_536, 1_024, 30_000, "cn");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:20:00Z"), ZoneOffset.UTC);
  private static final CarrierId CM = new CarrierId("CM");

  private EmbeddedChannel channel = channel(Optional.of(CM));

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  private static EmbeddedChannel channel(Optional<CarrierId> identity) {
    return new EmbeddedChannel(new HandshakeGate(TERMS, ch -> identity, CLOCK));
  }

  @Test
  void helloOnTheCurrentVersionOpensASessionForTheCertifiedCarrier() {
    channel.writeInbound(hello(1, 1));
    Envelope welcome = channel.readOutbound();
    assertThat(welcome.getHeader().getCorrelationId()).isEqualTo("h-1");
    assertThat(welcome.getWelcome().getProtocolVersion()).isEqualTo(1);
    assertThat(welcome.getWelcome().getCarrierId()).isEqualTo("CM");
    assertThat(welcome.getWelcome().getMaxFrameBytes()).isEqualTo(65_536);
    assertThat(welcome.getWelcome().getMaxInFlight()).isEqualTo(1_024);
    assertThat(welcome.getWelcome().getPingInterval().getSeconds()).isEqualTo(30);
    assertThat(welcome.getWelcome().getRegime()).isEqualTo("cn");
    assertThat(channel.attr(Session.KEY).get()).isEqualTo(new Session(CM, 1));
    assertThat(channel.pipeline().get(HandshakeGate.class)).as("the gate steps out").isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aClientSpeakingFromTheLowestToANewerVersionGetsTheHighestShared() {
    channel.writeInbound(hello(1, 7));
    assertThat(((Envelope) channel.readOutbound()).getWelcome().getProtocolVersion()).isEqualTo(1);
  }

  @Test
  void aClientSpeakingOnlyAVersionBelowTheLowestIsRefused() {
    channel.writeInbound(hello(0, 0));
    assertRefused(ErrorCode.UNSUPPORTED_VERSION, 426);
  }

  @Test
  void aClientSpeakingOnlyTheNextVersionIsRefused() {
    channel.writeInbound(hello(2, 2));
    assertRefused(ErrorCode.UNSUPPORTED_VERSION, 426);
  }

  @Test
  void anyFrameBeforeHelloIsRefused() {
    channel.writeInbound(Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1)
        .setCorrelationId("p-1")).setPing(Ping.getDefaultInstance()).build());
    Envelope error = assertRefused(ErrorCode.HELLO_REQUIRED, 401);
    assertThat(error.getHeader().getCorrelationId()).isEqualTo("p-1");
  }

  @Test
  void silenceForTenSecondsAfterConnectingIsRefused() {
    // The embedded loop's clock also runs in real time, so the margins are wide.
    channel.advanceTimeBy(9_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertRefused(ErrorCode.HELLO_REQUIRED, 401);
  }

  @Test
  void silenceIsRefusedAsAnErrorAboutTheConnectionForNoRequestWasSent() {
    channel.advanceTimeBy(10_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    Envelope error = assertRefused(ErrorCode.HELLO_REQUIRED, 401);
    assertThat(error.getHeader().getCorrelationId()).isEqualTo("s:connection");
  }

  @Test
  void aCertificateOfNoRegisteredCarrierGetsNoSession() {
    channel.finishAndReleaseAll();
    channel = channel(Optional.empty());
    channel.writeInbound(hello(1, 1));
    assertRefused(ErrorCode.UNKNOWN_CARRIER, 403);
    assertThat(channel.attr(Session.KEY).get()).isNull();
  }

  private Envelope assertRefused(ErrorCode code, int status) {
    Envelope error = channel.readOutbound();
    assertThat(error.getError().getCode()).isEqualTo(code);
    assertThat(error.getError().getStatus()).isEqualTo(status);
    assertThat(error.getError().getClosing()).isTrue();
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.attr(Session.KEY).get()).isNull();
    return error;
  }

  private static Envelope hello(int min, int max) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(max).setCorrelationId("h-1"))
        .setHello(Hello.newBuilder().setMinVersion(min).setMaxVersion(max).setClientName("test-carrier")
            .setClientVersion("1.0"))
        .build();
  }
}
