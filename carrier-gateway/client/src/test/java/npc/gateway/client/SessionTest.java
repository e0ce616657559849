package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Ping;
import org.junit.jupiter.api.Test;

/** The session: TLS with the carrier's certificate, Hello and Welcome, keep-alive, and reconnecting. */
class SessionTest extends FakeGatewayTest {
  @Test
  void theWelcomeOpensASessionForTheCarrierTheCertificateNames() throws Exception {
    gateway.welcome(terms -> terms.setMaxFrameBytes(32_000).setMaxInFlight(7).setRegime("in")
        .setPingInterval(com.google.protobuf.Duration.newBuilder().setSeconds(12).setNanos(500_000_000)));

    Session session = connect(carrier().routingStream(false).clientName("cm-adapter", "4.2.0"));

    assertThat(session.carrierId()).isEqualTo("CM");
    assertThat(session.protocolVersion()).isEqualTo(1);
    assertThat(session.maxFrameBytes()).isEqualTo(32_000);
    assertThat(session.maxInFlight()).isEqualTo(7);
    assertThat(session.pingInterval()).isEqualTo(Duration.ofMillis(12_500));
    assertThat(session.regime()).isEqualTo("in");
    assertThat(client.session()).contains(session);
    Hello hello = gateway.next(BodyCase.HELLO).getHello();
    assertThat(hello.getMinVersion()).isEqualTo(1);
    assertThat(hello.getMaxVersion()).isEqualTo(1);
    assertThat(hello.getClientName()).isEqualTo("cm-adapter");
    assertThat(hello.getClientVersion()).isEqualTo("4.2.0");
  }

  @Test
  void theClientRefusesAGatewayWhoseCertificateComesFromAnotherCa() throws Exception {
    client = carrier().tls(PKI.clientTls("CM", TestPki.create("npc test CA"))).connect();

    assertThat(gateway.nextTlsFailure()).isNotNull();
    assertThat(gateway.received(BodyCase.HELLO)).isEmpty();
    assertThat(client.session()).isEmpty();
  }

  @Test
  void aClientCertificateFromAnotherCaGetsNoSession() throws Exception {
    client = carrier().tls(TestPki.create("npc test CA").clientTls("CM", PKI)).connect();

    assertThat(gateway.nextTlsFailure()).isNotNull();
    assertThat(gateway.received(BodyCase.HELLO)).isEmpty();
    assertThat(client.session()).isEmpty();
  }

  @Test
  void aRefusedHandshakeFailsTheWaitForASession() {
    gateway.refuseHello(ErrorCode.UNSUPPORTED_VERSION, 426);
    client = carrier().connect();

    assertThatThrownBy(() -> client.whenConnected().get(WAIT, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(GatewayException.class, refusal -> {
          assertThat(refusal.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
          assertThat(refusal.status()).isEqualTo(426);
        });
  }

  @Test
  void anIdleClientPingsAfterThePingInterval() throws Exception {
    gateway.welcome(terms -> terms.setPingInterval(com.google.protobuf.Duration.newBuilder().setNanos(100_000_000)));
    connect(carrier().routingStream(false));

    String first = gateway.next(BodyCase.PING).getHeader().getCorrelationId();
    String second = gateway.next(BodyCase.PING).getHeader().getCorrelationId();

    assertThat(first).isNotEqualTo(second).doesNotStartWith("s:");
    assertThat(gateway.received(BodyCase.HELLO)).hasSize(1);
  }

  @Test
  void aGatewaySilentForThreePingIntervalsIsDeadAndTheClientReconnects() throws Exception {
    gateway.silent().welcome(terms -> terms.setPingInterval(
        com.google.protobuf.Duration.newBuilder().setNanos(100_000_000)));
    connect(carrier().routingStream(false));
    gateway.nextSession();

    gateway.nextSession();

    assertThat(gateway.received(BodyCase.PING)).isNotEmpty();
    assertThat(gateway.received(BodyCase.HELLO)).hasSize(2);
  }

  @Test
  void theClientAnswersTheGatewaysPing() throws Exception {
    connect(carrier().routingStream(false));
    gateway.nextSession();
    gateway.send("s:ping-1", frame -> frame.setPing(Ping.getDefaultInstance()));

    assertThat(gateway.next(BodyCase.PONG).getHeader().getCorrelationId()).isEqualTo("s:ping-1");
  }

  @Test
  void aDroppedConnectionIsReopenedAndTheSessionWaitCompletesAgain() throws Exception {
    connect(carrier().routingStream(false));
    gateway.nextSession();

    gateway.dropConnection();
    gateway.nextSession();

    assertThat(client.whenConnected().get(WAIT, TimeUnit.SECONDS).carrierId()).isEqualTo("CM");
  }

  @Test
  void aClosedClientRefusesCalls() throws Exception {
    connect(carrier().routingStream(false));
    client.close();

    assertThatThrownBy(() -> client.lookUpRoutes(List.of("+8613800138000")).get(WAIT, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(NotSentException.class,
            refusal -> assertThat(refusal.reason()).isEqualTo(NotSentException.Reason.CLOSED));
  }
}
