package npc.gateway.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.Ping;
import npc.gateway.protocol.v1.Pong;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.Welcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InFlightLimiterTest {
  private final InFlightLimiter limiter = new InFlightLimiter(2);
  private final EmbeddedChannel channel = new EmbeddedChannel(limiter);

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  @Test
  void requestsUpToTheLimitPassAndTheNextIsBusyUntilOneIsAnswered() {
    channel.writeInbound(ping("a"), ping("b"));
    assertThat((Envelope) channel.readInbound()).isEqualTo(ping("a"));
    assertThat((Envelope) channel.readInbound()).isEqualTo(ping("b"));

    channel.writeInbound(ping("c"));
    assertThat((Object) channel.readInbound()).as("not passed on").isNull();
    assertError("c", ErrorCode.BUSY, 503);
    assertThat(channel.isOpen()).isTrue();

    channel.writeOutbound(pong("a"));
    assertThat((Envelope) channel.readOutbound()).isEqualTo(pong("a"));
    channel.writeInbound(ping("c"));
    assertThat((Envelope) channel.readInbound()).isEqualTo(ping("c"));
    assertThat(limiter.inFlight()).isEqualTo(2);
  }

  @Test
  void answersDueByADeadlineHaveAWindowOfTheirOwnThatNewRequestsCannotFill() {
    channel.writeInbound(ping("a"), ping("b"));
    channel.readInbound();
    channel.readInbound();

    channel.writeInbound(answer("x"), answer("y"));
    assertThat((Envelope) channel.readInbound()).as("an answer beside a full window of requests")
        .isEqualTo(answer("x"));
    assertThat((Envelope) channel.readInbound()).isEqualTo(answer("y"));
    channel.writeInbound(answer("z"));
    assertThat((Object) channel.readInbound()).isNull();
    assertError("z", ErrorCode.BUSY, 503);
    channel.writeInbound(ping("c"));
    assertThat((Object) channel.readInbound()).isNull();
    assertError("c", ErrorCode.BUSY, 503);

    channel.writeOutbound(pong("x"));
    channel.readOutbound();
    channel.writeInbound(answer("z"));
    assertThat((Envelope) channel.readInbound()).isEqualTo(answer("z"));
    assertThat(limiter.inFlight()).isEqualTo(4);
  }

  @Test
  void aCorrelationIdAlreadyWaitingIsRefused() {
    channel.writeInbound(ping("a"));
    channel.readInbound();
    channel.writeInbound(ping("a"));
    assertThat((Object) channel.readInbound()).isNull();
    assertError("a", ErrorCode.DUPLICATE_CORRELATION_ID, 409);
  }

  @Test
  void aRequestWithAnIdOfTheServersIsAMalformedFrameThatClosesTheConnection() {
    channel.writeInbound(ping("s:1"));
    assertThat((Object) channel.readInbound()).isNull();
    assertClosedAsMalformed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a-65-character-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "c-\u00e9",
      "c-\n1"})
  void aRequestWithAnIdThatIsNotOneToSixtyFourPrintableAsciiCharactersIsAMalformedFrame(String id) {
    channel.writeInbound(ping(id));
    assertThat((Object) channel.readInbound()).isNull();
    assertClosedAsMalformed();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", " ~", "a-64-character-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void idsOfOneToSixtyFourPrintableAsciiCharactersPass(String id) {
    channel.writeInbound(ping(id));
    assertThat((Envelope) channel.readInbound()).isEqualTo(ping(id));
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void nothingReadAfterAMalformedFrameIsPassedOnOrAnswered() {
    channel.writeInbound(ping(""), ping("a"), ping("a"));
    assertThat((Object) channel.readInbound()).isNull();
    assertClosedAsMalformed();
    assertThat((Object) channel.readOutbound()).as("only the closing error").isNull();
  }

  @Test
  void aRegimeRequestIsARequestTheCarrierMaySendAndTakesASlot() {
    Envelope request = Envelope.newBuilder().setHeader(header("g")).setRegimeRequest(RegimeRequest.getDefaultInstance())
        .build();
    channel.writeInbound(request);
    assertThat((Envelope) channel.readInbound()).isEqualTo(request);
    assertThat(limiter.inFlight()).isEqualTo(1);
  }

  @Test
  void aBodyOnlyTheServerSendsIsRefused() {
    channel.writeInbound(Envelope.newBuilder().setHeader(header("w")).setWelcome(Welcome.getDefaultInstance())
        .build());
    assertThat((Object) channel.readInbound()).isNull();
    assertError("w", ErrorCode.NOT_A_REQUEST, 400);
  }

  @Test
  void anEnvelopeWithoutABodyIsAnUnknownBody() {
    channel.writeInbound(Envelope.newBuilder().setHeader(header("x")).build());
    assertError("x", ErrorCode.UNKNOWN_BODY, 400);
  }

  @Test
  void acknowledgementsPassWithoutTakingASlot() {
    for (int i = 0; i < 5; i++) {
      channel.writeInbound(Envelope.newBuilder().setHeader(header("n" + i))
          .setNotificationAck(NotificationAck.newBuilder().addNotificationIds("s:" + i)).build());
      assertThat((Envelope) channel.readInbound()).isNotNull();
    }
    assertThat(limiter.inFlight()).isZero();
  }

  private void assertError(String id, ErrorCode code, int status) {
    Envelope error = channel.readOutbound();
    assertThat(error.getHeader().getCorrelationId()).isEqualTo(id);
    assertThat(error.getError().getCode()).isEqualTo(code);
    assertThat(error.getError().getStatus()).isEqualTo(status);
    assertThat(error.getError().getClosing()).isFalse();
  }

  private void assertClosedAsMalformed() {
    Envelope error = channel.readOutbound();
    assertThat(error.getHeader().getCorrelationId()).as("an error about the connection: the id is unusable")
        .isEqualTo("s:connection");
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(error.getError().getStatus()).isEqualTo(400);
    assertThat(error.getError().getClosing()).isTrue();
    assertThat(channel.isOpen()).isFalse();
  }

  private static Header header(String id) {
    return Header.newBuilder().setProtocolVersion(1).setCorrelationId(id).build();
  }

  private static Envelope ping(String id) {
    return Envelope.newBuilder().setHeader(header(id)).setPing(Ping.getDefaultInstance()).build();
  }

  private static Envelope pong(String id) {
    return Envelope.newBuilder().setHeader(header(id)).setPong(Pong.getDefaultInstance()).build();
  }

  private static Envelope answer(String id) {
    return Envelope.newBuilder().setHeader(header(id)).setDonorAnswer(npc.gateway.protocol.v1.DonorAnswer.newBuilder().setPortId("p-" + id)
            .setAccept(npc.gateway.protocol.v1.DonorAnswer.Accept.getDefaultInstance())).build();
  }
}
