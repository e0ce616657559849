package npc.gateway.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import npc.core.carrier.CarrierId;
import npc.core.porting.RefusalCode;
import npc.core.regime.RegimeLoader;
import npc.gateway.protocol.v1.CancelRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.Ping;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.RegimeRequest;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.server.frame.EnvelopeDecoder;
import npc.gateway.server.frame.EnvelopeEncoder;
import npc.gateway.server.frame.FrameDecoder;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.handler.RegimeHandler;
import npc.gateway.server.log.RequestCounts;
import npc.gateway.server.push.ConnectionGuard;
import npc.gateway.server.session.Session;
import npc.gateway.server.session.VersionCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The dispatcher on an EmbeddedChannel with handlers and pushers of its own interfaces faked. */
class DispatcherTest {
  private static final Session SESSION = new Session(new CarrierId("CU"), 1);

  private final RecordingPushers pushers = new RecordingPushers();
  private Executor executor = Runnable::run;
  private RequestHandler cancel = (session, request) -> Envelope.newBuilder()
      .setPortStatusAck(PortStatusAck.getDefaultInstance());
  private EmbeddedChannel channel;

  @AfterEach
  void release() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  private EmbeddedChannel open() {
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        command -> executor.execute(command), pushers));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);
    return channel;
  }

  @Test
  void theSessionEventOpensThePushersAndTheCloseClosesThem() {
    open();
    assertThat(pushers.calls).containsExactly("open CU");
    channel.close();
    assertThat(pushers.calls).containsExactly("open CU", "close");
  }

  @Test
  void aRequestGetsItsHandlersResponseUnderItsCorrelationId() {
    open().writeInbound(cancel("c-1", 1));
    Envelope response = channel.readOutbound();
    assertThat(response.getHeader().getCorrelationId()).isEqualTo("c-1");
    assertThat(response.getHeader().getProtocolVersion()).isEqualTo(1);
    assertThat(response.hasPortStatusAck()).isTrue();
  }

  @Test
  void eachRequestAnsweredIsCountedByTypeAndOutcome() {
    RequestCounts counts = new RequestCounts();
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        command -> executor.execute(command), pushers, counts));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);

    channel.writeInbound(cancel("c-1", 1));
    channel.writeInbound(cancel("c-2", 1));
    cancel = (session, request) -> {
      throw Refusals.error(RefusalCode.UNKNOWN_PORT, "no port p");
    };
    channel.writeInbound(cancel("c-3", 1));
    executor = command -> {
      throw new RejectedExecutionException("full");
    };
    channel.writeInbound(cancel("c-4", 1));
    channel.writeInbound(envelope("p-1", 1).setPing(Ping.getDefaultInstance()).build());

    assertThat(counts.nonZero()).containsExactlyInAnyOrder(
        new RequestCounts.Count(BodyCase.CANCEL, RequestCounts.OK, 2),
        new RequestCounts.Count(BodyCase.CANCEL, "UNKNOWN_PORT", 1),
        new RequestCounts.Count(BodyCase.CANCEL, "BUSY", 1));
  }

  @Test
  void aPingIsAnsweredWithAPongOnTheEventLoop() {
    executor = command -> {
      throw new AssertionError("a ping needs no worker");
    };
    open().writeInbound(envelope("p-1", 1).setPing(Ping.getDefaultInstance()).build());
    Envelope pong = channel.readOutbound();
    assertThat(pong.hasPong()).isTrue();
    assertThat(pong.getHeader().getCorrelationId()).isEqualTo("p-1");
  }

  @Test
  void aRegimeRequestIsAnsweredWithTheRulesInForceOnTheEventLoop() {
    executor = command -> {
      throw new AssertionError("the regime is in memory: no worker");
    };
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.REGIME_REQUEST,
        new RegimeHandler(RegimeLoader.builtIn("cn"))), command -> executor.execute(command), pushers));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);

    channel.writeInbound(envelope("g-1", 1).setRegimeRequest(RegimeRequest.getDefaultInstance()).build());

    Envelope answer = channel.readOutbound();
    assertThat(answer.getHeader().getCorrelationId()).isEqualTo("g-1");
    assertThat(answer.getRegimeInfo().getRegimeId()).isEqualTo("cn");
    assertThat(answer.getRegimeInfo().getZone()).isEqualTo("Asia/Shanghai");
    assertThat(answer.getRegimeInfo().getReasonsCount()).isEqualTo(6);
  }

  @Test
  void aFrameOfAnotherVersionIsRefusedAndClosesTheConnectionBeforeAnyHandlerSeesIt() {
    channel = new EmbeddedChannel(new VersionCheck(), new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> {
      throw new AssertionError("never handled");
    }), Runnable::run, pushers));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);

    channel.writeInbound(cancel("c-1", 2));

    ErrorNotice error = ((Envelope) channel.readOutbound()).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    assertThat(error.getStatus()).isEqualTo(426);
    assertThat(error.getClosing()).isTrue();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void framesReadAfterAClosingErrorAreNeverHandled() {
    List<String> handled = new ArrayList<>();
    cancel = (session, request) -> {
      handled.add(request.getHeader().getCorrelationId());
      return Envelope.newBuilder().setPortStatusAck(PortStatusAck.getDefaultInstance());
    };
    channel = new EmbeddedChannel(new FrameDecoder(1024), EnvelopeDecoder.INSTANCE, EnvelopeEncoder.INSTANCE,
        new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)), Runnable::run, pushers),
        FrameErrorHandler.INSTANCE);
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);
    ByteBuf read = Unpooled.buffer();
    frame(read, cancel("c-1", 1).toByteArray());
    frame(read, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}); // not an Envelope
    frame(read, cancel("c-2", 1).toByteArray());

    channel.writeInbound(read); // the three frames arrive in one read

    assertThat(handled).containsExactly("c-1");
    List<Envelope> written = new ArrayList<>();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      written.add(parse(out));
    }
    assertThat(written).hasSize(2);
    assertThat(written.get(1).getError().getCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(channel.isOpen()).isFalse();
  }

  private static void frame(ByteBuf into, byte[] body) {
    into.writeInt(body.length).writeBytes(body);
  }

  private static Envelope parse(ByteBuf frame) {
    try {
      frame.skipBytes(4);
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      return Envelope.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    } finally {
      frame.release();
    }
  }

  @Test
  void aBodyWithoutAHandlerIsUnknown() {
    open().writeInbound(envelope("e-1", 1).setEligibilityQuery(
        npc.gateway.protocol.v1.EligibilityQueryRequest.getDefaultInstance()).build());
    ErrorNotice error = ((Envelope) channel.readOutbound()).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.UNKNOWN_BODY);
    assertThat(error.getStatus()).isEqualTo(400);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aRefusalOfTheCoreIsItsErrorNoticeInItsBand() {
    cancel = (session, request) -> {
      throw Refusals.error(RefusalCode.NOT_THE_RECIPIENT, "CU did not submit this port");
    };
    open().writeInbound(cancel("c-1", 1));
    ErrorNotice error = ((Envelope) channel.readOutbound()).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_THE_RECIPIENT);
    assertThat(error.getStatus()).isEqualTo(403);
    assertThat(error.getDetail()).isEqualTo("CU did not submit this port");
    assertThat(error.getClosing()).isFalse();
  }

  @Test
  void aBusyRefusalOfAHandlerIsAnsweredAndCountedButNeverLogged() {
    Logger log = (Logger) LoggerFactory.getLogger(Dispatcher.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      cancel = (session, request) -> {
        throw new RequestError(503, ErrorCode.BUSY, "CU has its quota of snapshots");
      };
      open();
      for (int i = 0; i < 100; i++) {
        channel.writeInbound(cancel("c-" + i, 1));
        assertThat(((Envelope) channel.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.BUSY);
      }
      cancel = (session, request) -> {
        throw new IllegalStateException("a bug");
      };
      channel.writeInbound(cancel("c-bug", 1));
      assertThat(((Envelope) channel.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.INTERNAL);
    } finally {
      log.detachAppender(lines);
    }
    assertThat(lines.list).as("lines logged: only the bug's").singleElement()
        .satisfies(line -> assertThat(line.getFormattedMessage()).contains("CANCEL of CU failed: INTERNAL"));
  }

  @Test
  void aDatabaseTimeoutOrALostConnectionLeavesTheOutcomeUnknownAndAnyOtherFailureIsInternal() {
    cancel = (session, request) -> {
      throw new DriverTimeoutException("Query timed out after PT10S");
    };
    open().writeInbound(cancel("c-1", 1));
    ErrorNotice timeout = ((Envelope) channel.readOutbound()).getError();
    assertThat(timeout.getCode()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(timeout.getStatus()).isEqualTo(503);

    // The node serving the request died with it in flight: the write may have reached its replicas.
    cancel = (session, request) -> {
      throw new ClosedConnectionException("Lost connection to remote peer");
    };
    channel.writeInbound(cancel("c-lost", 1));
    ErrorNotice lost = ((Envelope) channel.readOutbound()).getError();
    assertThat(lost.getCode()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(lost.getStatus()).isEqualTo(503);

    cancel = (session, request) -> {
      throw new IllegalStateException("a bug");
    };
    channel.writeInbound(cancel("c-2", 1));
    ErrorNotice internal = ((Envelope) channel.readOutbound()).getError();
    assertThat(internal.getCode()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(internal.getStatus()).isEqualTo(500);
    assertThat(internal.getDetail()).doesNotContain("a bug");
  }

  @Test
  void aSaturatedWorkerPoolAnswersBusy() {
    executor = command -> {
      throw new RejectedExecutionException("full");
    };
    open().writeInbound(cancel("c-1", 1));
    ErrorNotice error = ((Envelope) channel.readOutbound()).getError();
    assertThat(error.getCode()).isEqualTo(ErrorCode.BUSY);
    assertThat(error.getStatus()).isEqualTo(503);
  }

  @Test
  void aRequestRunsAsItsSessionsCarrierAndOneOverTheCarriersQuotaIsAnsweredBusyWithTheReason() {
    List<CarrierId> asked = new ArrayList<>();
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        (CarrierExecutor) (carrier, request) -> {
          asked.add(carrier);
          throw new FairWorkers.Saturated("CU has 2048 requests in flight on this server");
        }, pushers, 1_024, ConnectionGuard.Disconnections.NONE));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);

    channel.writeInbound(cancel("c-1", 1));

    ErrorNotice error = ((Envelope) channel.readOutbound()).getError();
    assertThat(asked).containsExactly(new CarrierId("CU"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.BUSY);
    assertThat(error.getStatus()).isEqualTo(503);
    assertThat(error.getDetail()).isEqualTo("CU has 2048 requests in flight on this server");
  }

  @Test
  void aCarrierOverItsRateIsAnsweredBusyAndItsConnectionIsNotReadForThePauseTheRateAsks() {
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        (CarrierExecutor) (carrier, request) -> {
          throw new FairWorkers.Saturated("CU sends more than 100 requests a second", TimeUnit.MILLISECONDS
              .toNanos(400));
        }, pushers, 1_024, ConnectionGuard.Disconnections.NONE));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);
    channel.freezeTime(); // the pause is measured on the channel's clock alone, never the machine's

    channel.writeInbound(cancel("c-1", 1));

    assertThat(((Envelope) channel.readOutbound()).getError().getCode()).isEqualTo(ErrorCode.BUSY);
    assertThat(channel.config().isAutoRead()).as("reading paused").isFalse();
    channel.advanceTimeBy(399, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).as("still paused before its end").isFalse();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).as("read again after the pause").isTrue();
  }

  @Test
  void aConnectionThatKeepsSendingAfterItsRateRefusalsIsClosedAndOneAdmittedRequestStartsTheCountAgain() {
    AtomicBoolean admit = new AtomicBoolean();
    List<String> recorded = new ArrayList<>();
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        (CarrierExecutor) (carrier, request) -> {
          if (!admit.get()) {
            throw new FairWorkers.Saturated("CU sends more than 100 requests a second", 1_000);
          }
        }, pushers, 3, (carrier, conduct, detail) -> {
          recorded.add(carrier + " " + conduct);
          return CompletableFuture.completedFuture(null);
        }));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);

    channel.writeInbound(cancel("c-1", 1), cancel("c-2", 1), cancel("c-3", 1));
    admit.set(true);
    channel.writeInbound(cancel("c-4", 1));
    admit.set(false);
    channel.writeInbound(cancel("c-5", 1), cancel("c-6", 1), cancel("c-7", 1));
    assertThat(channel.isOpen()).as("three refusals in a row since the admitted one").isTrue();
    channel.writeInbound(cancel("c-8", 1), cancel("c-9", 1));
    channel.runPendingTasks();

    List<ErrorNotice> errors = new ArrayList<>();
    for (Envelope out; (out = channel.readOutbound()) != null; ) {
      errors.add(out.getError());
    }
    assertThat(errors).hasSize(7).allMatch(e -> e.getCode() == ErrorCode.BUSY);
    assertThat(errors.subList(0, 6)).noneMatch(ErrorNotice::getClosing);
    assertThat(errors.get(6).getClosing()).isTrue();
    assertThat(errors.get(6).getDetail()).contains("kept sending");
    assertThat(channel.isOpen()).as("closed after the fourth refusal in a row").isFalse();
    assertThat(recorded).as("disconnections for conduct recorded").containsExactly("CU RATE_EXCEEDED");
  }

  @Test
  void aPauseEndingAfterTheServerStoppedReadingDoesNotReadAgain() {
    channel = new EmbeddedChannel(new Dispatcher(Map.of(BodyCase.CANCEL, (s, r) -> cancel.handle(s, r)),
        (CarrierExecutor) (carrier, request) -> {
          throw new FairWorkers.Saturated("CU sends more than 100 requests a second", 1_000);
        }, pushers, 1_024, ConnectionGuard.Disconnections.NONE));
    channel.attr(Session.KEY).set(SESSION);
    channel.pipeline().fireUserEventTriggered(SESSION);
    channel.writeInbound(cancel("c-1", 1));

    Reading.stop(channel);
    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.config().isAutoRead()).isFalse();
  }

  @Test
  void acknowledgementsAndTheSubscriptionGoToThePushers() {
    open().writeInbound(envelope("a-1", 1).setNotificationAck(NotificationAck.newBuilder()
            .addNotificationIds("s:n:1")).build(),
        envelope("a-2", 1).setRoutingAck(RoutingAck.newBuilder().setPosition(7)).build(),
        envelope("r-1", 1).setRoutingSubscribe(RoutingSubscribe.newBuilder().setResumeAfter(3)).build());
    assertThat(pushers.calls).containsExactly("open CU", "notices [s:n:1]", "routing ack 7", "subscribe r-1 3");
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void aRoutingAckThePushersRefuseIsToldUnderTheConnectionsIdNeverTheAcksAndTheConnectionStaysOpen() {
    open().writeInbound(envelope("c-7", 1).setRoutingAck(RoutingAck.newBuilder().setPosition(11)).build());

    Envelope refusal = channel.readOutbound();
    assertThat(refusal.getHeader().getCorrelationId()).isEqualTo("s:connection");
    assertThat(refusal.getHeader().getProtocolVersion()).isEqualTo(1);
    assertThat(refusal.getError().getCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(refusal.getError().getStatus()).isEqualTo(400);
    assertThat(refusal.getError().getDetail()).contains("11");
    assertThat(refusal.getError().getClosing()).isFalse();
    assertThat(channel.isOpen()).isTrue();
    assertThat((Object) channel.readOutbound()).isNull();
  }

  private static Envelope cancel(String id, int version) {
    return envelope(id, version).setCancel(CancelRequest.newBuilder().setPortId("p")).build();
  }

  private static Envelope.Builder envelope(String id, int version) {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(version).setCorrelationId(id));
  }

  /** Pushers that record what the dispatcher hands them. */
  private static final class RecordingPushers implements Pushers {
    final List<String> calls = new ArrayList<>();
    /** Routing positions up to this one count as sent; the pushers refuse acknowledgements of later ones. */
    long sentUpTo = 10;

    @Override
    public Pusher open(Channel channel, Session session) {
      calls.add("open " + session.carrier().value());
      return new Pusher() {
        @Override
        public void acknowledge(NotificationAck ack) {
          calls.add("notices " + ack.getNotificationIdsList());
        }

        @Override
        public boolean acknowledge(RoutingAck ack) {
          calls.add("routing ack " + ack.getPosition());
          return ack.getPosition() <= sentUpTo;
        }

        @Override
        public void subscribe(String correlationId, RoutingSubscribe subscribe) {
          calls.add("subscribe " + correlationId + " " + subscribe.getResumeAfter());
        }

        @Override
        public void wake() {
          calls.add("wake");
        }

        @Override
        public void close() {
          calls.add("close");
        }
      };
    }
  }
}
