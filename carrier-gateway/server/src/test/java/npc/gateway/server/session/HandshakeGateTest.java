package npc.gateway.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CertificateFingerprint;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Ping;
import npc.gateway.server.admission.SessionSlots;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.log.Refusal;
import npc.gateway.server.log.RefusalLog;
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
    return new EmbeddedChannel(new HandshakeGate(TERMS, ch -> identity.map(Identification::of)
        .orElse(new Identification.Refused(ErrorCode.UNKNOWN_CARRIER, "no carrier")), CLOCK));
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

  @Test
  void aCertificateRefusedByTheRegistryIsRefusedWithItsOwnCode() {
    channel.finishAndReleaseAll();
    channel = new EmbeddedChannel(new HandshakeGate(TERMS,
        ch -> new Identification.Refused(ErrorCode.CERTIFICATE_REVOKED, "revoked"), CLOCK));
    channel.writeInbound(hello(1, 1));
    assertRefused(ErrorCode.CERTIFICATE_REVOKED, 403);
  }

  @Test
  void aSessionIsClosedWithSessionExpiredAtTheMaximumLifetime() {
    channel.finishAndReleaseAll();
    HandshakeGate.Terms shortLived = new HandshakeGate.Terms(Versions.SUPPORTED, 10_000, 65_536, 1_024, 30_000,
        "cn", 60_000);
    channel = new EmbeddedChannel(new HandshakeGate(shortLived, ch -> Identification.of(CM), CLOCK));
    channel.writeInbound(hello(1, 1));
    assertThat(((Envelope) channel.readOutbound()).hasWelcome()).isTrue();
    channel.advanceTimeBy(59_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    Envelope error = channel.readOutbound();
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(error.getError().getStatus()).isEqualTo(503);
    assertThat(error.getError().getClosing()).isTrue();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aSessionEndsAtItsCertificatesExpiryWhenThatComesFirst() {
    channel.finishAndReleaseAll();
    Credential credential = new Credential(new CertificateFingerprint("ab".repeat(32)),
        CLOCK.instant().plusSeconds(30));
    channel = new EmbeddedChannel(new HandshakeGate(TERMS,
        ch -> new Identification.Identified(CM, Optional.of(credential)), CLOCK));
    channel.writeInbound(hello(1, 1));
    assertThat(((Envelope) channel.readOutbound()).hasWelcome()).isTrue();
    assertThat(channel.attr(Credential.KEY).get()).isEqualTo(credential);
    channel.advanceTimeBy(30_000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(((Envelope) channel.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aCarrierAtItsSessionCapIsRefusedWithTooManyConnectionsUntilOneCloses() {
    channel.finishAndReleaseAll();
    SessionSlots slots = new SessionSlots(2, 512);
    EmbeddedChannel first = open(slots);
    EmbeddedChannel second = open(slots);
    channel = new EmbeddedChannel(new HandshakeGate(TERMS, ch -> Identification.of(CM), slots, CLOCK));
    channel.writeInbound(hello(1, 1));
    assertRefused(ErrorCode.TOO_MANY_CONNECTIONS, 503);

    first.close();
    EmbeddedChannel third = open(slots);
    assertThat(third.attr(Session.KEY).get()).isNotNull();
    second.finishAndReleaseAll();
    third.finishAndReleaseAll();
  }

  @Test
  void theInstanceAtItsSessionCapRefusesAnyCarrier() {
    channel.finishAndReleaseAll();
    SessionSlots slots = new SessionSlots(4, 1);
    EmbeddedChannel first = open(slots);
    channel = new EmbeddedChannel(new HandshakeGate(TERMS, ch -> Identification.of(new CarrierId("CU")), slots,
        CLOCK));
    channel.writeInbound(hello(1, 1));
    assertRefused(ErrorCode.TOO_MANY_CONNECTIONS, 503);
    first.finishAndReleaseAll();
  }

  @Test
  void refusalsAndExpiriesAreCountedForTheOpsServiceToExport() {
    channel.finishAndReleaseAll();
    GatewayCounters counters = new GatewayCounters();
    RefusalLog refusals = new RefusalLog(counters, CLOCK, java.time.Duration.ofSeconds(10));
    SessionSlots slots = new SessionSlots(1, 512);
    HandshakeGate.Terms shortLived = new HandshakeGate.Terms(Versions.SUPPORTED, 10_000, 65_536, 1_024, 30_000,
        "cn", 60_000);
    EmbeddedChannel first = new EmbeddedChannel(new HandshakeGate(shortLived, ch -> Identification.of(CM), slots,
        refusals, CLOCK));
    first.writeInbound(hello(1, 1));
    channel = new EmbeddedChannel(new HandshakeGate(shortLived, ch -> Identification.of(CM), slots, refusals,
        CLOCK));
    channel.writeInbound(hello(1, 1));
    EmbeddedChannel revoked = new EmbeddedChannel(new HandshakeGate(shortLived,
        ch -> new Identification.Refused(ErrorCode.CERTIFICATE_REVOKED, "revoked"), slots, refusals, CLOCK));
    revoked.writeInbound(hello(1, 1));
    first.advanceTimeBy(60_000, TimeUnit.MILLISECONDS);
    first.runScheduledPendingTasks();

    assertThat(counters.get(Refusal.TOO_MANY_SESSIONS)).isEqualTo(1);
    assertThat(counters.get(Refusal.HELLO_REFUSED)).isEqualTo(1);
    assertThat(counters.get(Refusal.SESSION_EXPIRED)).isEqualTo(1);
    first.finishAndReleaseAll();
    revoked.finishAndReleaseAll();
  }

  private static EmbeddedChannel open(SessionSlots slots) {
    EmbeddedChannel opened = new EmbeddedChannel(new HandshakeGate(TERMS, ch -> Identification.of(CM), slots,
        CLOCK));
    opened.writeInbound(hello(1, 1));
    assertThat(((Envelope) opened.readOutbound()).hasWelcome()).isTrue();
    return opened;
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
