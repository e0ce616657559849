package npc.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.gateway.protocol.v1.AuthorisationCodeIssued;
import npc.gateway.protocol.v1.DonorAnswerAck;
import npc.gateway.protocol.v1.EligibilityAnswerAccepted;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.NumberReturnAck;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.protocol.v1.RoutingUpdates;
import npc.gateway.server.dispatch.Dispatcher;
import npc.gateway.server.dispatch.Pushers;
import npc.gateway.server.dispatch.RequestError;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.frame.EnvelopeDecoder;
import npc.gateway.server.frame.EnvelopeEncoder;
import npc.gateway.server.frame.FrameDecoder;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.session.HandshakeGate;
import npc.gateway.server.session.Identification;
import npc.gateway.server.session.InFlightLimiter;
import npc.gateway.server.session.VersionCheck;
import npc.gateway.server.session.Session;
import npc.gateway.server.session.Versions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes what a carrier controls before any business logic runs: the gateway's pipeline after TLS (frames with a
 * hard maximum, envelopes, encoder, handshake gate, in-flight limit, dispatcher, error handler, in the order of
 * {@link GatewayServer}'s initializer) on an {@link EmbeddedChannel}, with fake handlers behind the dispatcher.
 * Everything runs on the test thread, so a failing input replays exactly.
 *
 * <p>Without {@code JAZZER_FUZZ} the stored inputs under {@code GatewayFuzzTestInputs/} run as a regression test
 * in every build; with {@code JAZZER_FUZZ=1} Jazzer mutates them for {@code maxDuration} (see the module's
 * README). A passing input is not just one that threw nothing: after every step the test checks what a carrier
 * may rely on, whatever it sends.
 * <ul>
 *   <li>No exception leaves the pipeline, and none reaches {@link FrameErrorHandler} other than a typed frame
 *       error (it answers anything else with a closing INTERNAL).</li>
 *   <li>Every outbound message is one well-formed frame: a length prefix equal to the bytes that follow, which
 *       parse as an {@link Envelope} with a body.</li>
 *   <li>Every {@link ErrorNotice} has a status in 400-599 and a code; one that says {@code closing} is the last
 *       frame and the channel is closed after it; and the channel never closes without such a notice.</li>
 *   <li>Requests in flight never exceed the limit, counted both by the limiter and independently, as requests
 *       queued on the workers and not yet answered; once every worker task has run on an open channel, no slot
 *       stays taken.</li>
 *   <li>Between reads the frame decoder holds less than one maximal frame (prefix included): the server's memory
 *       per connection is bounded by the frame maximum, not by what the carrier sends.</li>
 *   <li>Nothing leaks: every buffer the channel allocated (inbound, cumulations, outbound frames) is released at
 *       the end, and nothing is left in the channel's queues.</li>
 *   <li>The session's pushers open once, only after a Welcome, and close with the channel.</li>
 * </ul>
 *
 * <p>The input is a small script, so that stored inputs stay readable and the fuzzer reaches the dispatcher
 * quickly. Byte 0 holds flags (bit 0: begin with a valid Hello in its own write); then steps, each an op byte
 * ({@code op % 6}) and its operands, until the input ends (a truncated operand takes what is left):
 * <ol start="0">
 *   <li>RAW {@code n:u16}: write the next {@code n} bytes as they are, as one read;</li>
 *   <li>FRAME {@code n:u16}: write a 4-byte length {@code n}, then the next {@code n} bytes, as one read;</li>
 *   <li>ENVELOPE {@code body:u8 version:u8 id:u8 behaviour:u8}: write a frame of an envelope whose body is the
 *       default of the {@code body}-th field of Envelope's oneof (past the last: no body), on version 1 unless
 *       {@code version % 4 == 0} (then {@code version / 4}), with a correlation id of a small pool (duplicates,
 *       empty, the server's prefix, too long), and a body the fakes answer by {@code behaviour % 3};</li>
 *   <li>RUN {@code n:u8}: run the next {@code n} queued worker tasks ({@code 0}: all);</li>
 *   <li>SATURATE: toggle whether the workers refuse new tasks, as the server's bounded pool does when full;</li>
 *   <li>WAIT: let the Hello deadline pass.</li>
 * </ol>
 */
class GatewayFuzzTest {
  private static final int MAX_FRAME = 512;
  private static final int PREFIX = 4;
  private static final int MAX_IN_FLIGHT = 4;
  private static final long HELLO_TIMEOUT_MILLIS = 10_000;
  private static final CarrierId CARRIER = new CarrierId("CM");
  private static final HandshakeGate.Terms TERMS = new HandshakeGate.Terms(Versions.SUPPORTED,
      HELLO_TIMEOUT_MILLIS, MAX_FRAME, MAX_IN_FLIGHT, 30_000, "cn");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:20:00Z"), ZoneOffset.UTC);
  private static final List<FieldDescriptor> BODIES = Envelope.getDescriptor().getOneofs().get(0).getFields();
  private static final List<String> CORRELATION_IDS = List.of("a", "b", "c", "d", "e", "f", "", "s:x",
      "x".repeat(65));
  /** An unknown field of the body, whose length lets an input choose how the fakes answer it. */
  private static final int BEHAVIOUR_FIELD = 1999;
  private static final String GATEWAY_LOGGER = "npc.gateway.server";

  private static Level gatewayLogLevel;

  static {
    // Also when run outside Maven (the parent pom sets the same level for surefire): every access is tracked.
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  /** The gateway logs every refusal; at fuzzing speed that is millions of lines, none of which the test reads. */
  @BeforeAll
  static void quietGateway() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(GATEWAY_LOGGER);
    gatewayLogLevel = logger.getLevel();
    logger.setLevel(Level.ERROR);
  }

  @AfterAll
  static void restoreGatewayLogging() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(GATEWAY_LOGGER)).setLevel(gatewayLogLevel);
  }

  @FuzzTest(maxDuration = "2m")
  void whateverACarrierSendsTheGatewayAnswersWithWellFormedFramesAndBoundedResources(byte[] input) {
    new Run(input).execute();
  }

  /** One input against one fresh connection. */
  private static final class Run {
    private final ByteBuffer script;
    private final TrackingAllocator allocator = new TrackingAllocator();
    private final Workers workers = new Workers();
    private final RecordingPushers pushers = new RecordingPushers(workers);
    private final InFlightLimiter limiter = new InFlightLimiter(MAX_IN_FLIGHT);
    private final FrameDecoder frames = new FrameDecoder(MAX_FRAME);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private int maxBuffered;
    private int framesOut;
    private boolean welcomed;
    private Envelope lastOut;

    Run(byte[] input) {
      script = ByteBuffer.wrap(input);
      channel.config().setAllocator(allocator);
      // The default cumulator, observed: what it is handed at each read is what the decoder kept from the last.
      frames.setCumulator((alloc, cumulation, in) -> {
        maxBuffered = Math.max(maxBuffered, cumulation.readableBytes());
        return ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
      });
      channel.pipeline()
          .addLast("frames", frames)
          .addLast("envelopes", EnvelopeDecoder.INSTANCE)
          .addLast("encoder", EnvelopeEncoder.INSTANCE)
          .addLast("handshake", new HandshakeGate(TERMS, ch -> Identification.of(CARRIER), CLOCK))
          .addLast("version", new VersionCheck())
          .addLast("in-flight", limiter)
          .addLast("dispatcher", new Dispatcher(fakeHandlers(workers), workers, pushers))
          .addLast("errors", FrameErrorHandler.INSTANCE);
    }

    void execute() {
      if (script.hasRemaining() && (script.get() & 1) != 0) {
        writeInbound(frame(hello()));
      }
      while (script.hasRemaining() && channel.isOpen()) {
        switch (u8() % 6) {
          case 0 -> writeInbound(take(u16()));
          case 1 -> {
            byte[] body = take(u16());
            writeInbound(ByteBuffer.allocate(PREFIX + body.length).putInt(body.length).put(body).array());
          }
          case 2 -> writeInbound(frame(envelope(u8(), u8(), u8(), u8())));
          case 3 -> {
            int count = u8();
            workers.run(count == 0 ? Integer.MAX_VALUE : count);
          }
          case 4 -> workers.saturated = !workers.saturated;
          default -> {
            channel.advanceTimeBy(HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
          }
        }
        checkAfterStep();
      }
      // Whatever the workers still hold runs, as it would in the server, even when the connection closed.
      workers.saturated = false;
      workers.run(Integer.MAX_VALUE);
      checkAfterStep();
      if (channel.isOpen()) {
        assertThat(limiter.inFlight()).as("slots still taken once every request was served").isZero();
        writeInbound(new byte[0]); // one more read, to observe what the decoder kept from the last
      }
      checkAfterStep();
      assertThat(maxBuffered).as("bytes the frame decoder kept between reads").isLessThan(MAX_FRAME + PREFIX);
      assertThat(workers.maxPendingRequests()).as("requests queued on the workers and not yet answered")
          .isLessThanOrEqualTo(MAX_IN_FLIGHT);
      assertThat(channel.finishAndReleaseAll()).as("messages left in the channel").isFalse();
      assertThat(pushers.opened).as("pushers opened").isEqualTo(welcomed ? 1 : 0);
      assertThat(pushers.closed).as("pushers closed with the channel").isEqualTo(pushers.opened);
      allocator.assertAllReleased();
    }

    private int u8() {
      return script.hasRemaining() ? script.get() & 0xFF : 0;
    }

    private int u16() {
      return (u8() << 8) | u8();
    }

    private byte[] take(int n) {
      byte[] bytes = new byte[Math.min(n, script.remaining())];
      script.get(bytes);
      return bytes;
    }

    private void writeInbound(byte[] bytes) {
      if (!channel.isOpen()) {
        return; // a closed connection reads nothing more
      }
      ByteBuf buf = allocator.heapBuffer(bytes.length).writeBytes(bytes);
      // Rethrows whatever reached the end of the pipeline unhandled.
      channel.writeInbound(buf);
      assertThat((Object) channel.readInbound()).as("a message no handler consumed").isNull();
    }

    private void checkAfterStep() {
      channel.checkException();
      for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
        assertThat(out).as("outbound message").isInstanceOf(ByteBuf.class);
        checkFrame(parse((ByteBuf) out));
      }
      assertThat(limiter.inFlight()).as("requests in flight, by the limiter").isLessThanOrEqualTo(MAX_IN_FLIGHT);
      if (!channel.isOpen()) {
        assertThat(lastOut).as("the last frame before the channel closed").isNotNull();
        assertThat(lastOut.getError().getClosing()).as("the channel closed after a closing error: " + lastOut)
            .isTrue();
      }
    }

    /** Checks and releases one outbound buffer. */
    private static Envelope parse(ByteBuf buf) {
      try {
        assertThat(buf.readableBytes()).as("outbound frame size").isGreaterThanOrEqualTo(PREFIX);
        long length = buf.readUnsignedInt();
        assertThat(length).as("length prefix").isEqualTo(buf.readableBytes());
        return Envelope.parseFrom(ByteBufUtil.getBytes(buf));
      } catch (InvalidProtocolBufferException e) {
        return fail("an outbound frame is not an Envelope", e);
      } finally {
        assertThat(buf.release()).as("the outbound buffer is ours alone to release").isTrue();
      }
    }

    private void checkFrame(Envelope out) {
      if (lastOut != null && lastOut.getError().getClosing()) {
        fail("a frame was written after a closing error: " + lastOut + " then " + out);
      }
      framesOut++;
      lastOut = out;
      assertThat(out.getBodyCase()).as("body of " + out).isNotEqualTo(BodyCase.BODY_NOT_SET);
      if (out.hasWelcome()) {
        assertThat(framesOut).as("Welcome is the first frame").isEqualTo(1);
        assertThat(out.getWelcome().getCarrierId()).isEqualTo(CARRIER.value());
        assertThat(out.getWelcome().getMaxFrameBytes()).isEqualTo(MAX_FRAME);
        assertThat(out.getWelcome().getMaxInFlight()).isEqualTo(MAX_IN_FLIGHT);
        welcomed = true;
      }
      if (out.hasError()) {
        ErrorNotice error = out.getError();
        assertThat(error.getStatus()).as("status of " + out).isBetween(400, 599);
        assertThat(error.getCode()).as("code of " + out).isNotIn(ErrorCode.ERROR_CODE_UNSPECIFIED,
            ErrorCode.UNRECOGNIZED);
        if (error.getCode() == ErrorCode.INTERNAL && error.getClosing()) {
          fail("an unexpected exception reached the error handler: " + out);
        }
        if (error.getClosing()) {
          assertThat(channel.isOpen()).as("the channel is closed after " + out).isFalse();
        }
      }
    }

    private static byte[] frame(Envelope envelope) {
      byte[] body = envelope.toByteArray();
      return ByteBuffer.allocate(PREFIX + body.length).putInt(body.length).put(body).array();
    }
  }

  /** A valid Hello on the one version the server speaks. */
  private static Envelope hello() {
    return Envelope.newBuilder().setHeader(Header.newBuilder().setProtocolVersion(1).setCorrelationId("hello"))
        .setHello(Hello.newBuilder().setMinVersion(1).setMaxVersion(1).setClientName("fuzz")).build();
  }

  /** The envelope of the ENVELOPE step; see the class comment. */
  private static Envelope envelope(int body, int version, int id, int behaviour) {
    Envelope.Builder envelope = Envelope.newBuilder().setHeader(Header.newBuilder()
        .setProtocolVersion(version % 4 == 0 ? version / 4 : 1)
        .setCorrelationId(CORRELATION_IDS.get(id % CORRELATION_IDS.size())));
    if (body < BODIES.size()) {
      FieldDescriptor field = BODIES.get(body);
      Message.Builder value = envelope.newBuilderForField(field);
      if (behaviour % 3 != 0) {
        value.setUnknownFields(UnknownFieldSet.newBuilder().addField(BEHAVIOUR_FIELD, UnknownFieldSet.Field
            .newBuilder().addLengthDelimited(ByteString.copyFrom(new byte[behaviour % 3])).build()).build());
      }
      envelope.setField(field, value.build());
    }
    return envelope.build();
  }

  /** How a fake answers a body: by its serialized size, so that any body can take any of the three ways. */
  private enum Behaviour {
    ANSWER, REFUSE, FAIL;

    static Behaviour of(Envelope request) {
      FieldDescriptor field = Envelope.getDescriptor().findFieldByNumber(request.getBodyCase().getNumber());
      Message body = (Message) request.getField(field);
      return values()[body.getSerializedSize() % 3];
    }

    /** Refusals and failures as the real handlers and pushers throw them; an answer is the caller's. */
    void throwUnlessAnswer() {
      switch (this) {
        case REFUSE -> throw new RequestError(409, ErrorCode.NOT_ALLOWED_IN_STATE, "refused by the fake");
        case FAIL -> throw new IllegalStateException("the fake failed");
        default -> { }
      }
    }
  }

  /**
   * One fake per body GatewayServer registers, answering a fixed response; lookups and the regime run inline, as in
   * production.
   */
  private static Map<BodyCase, RequestHandler> fakeHandlers(Workers workers) {
    Map<BodyCase, Envelope.Builder> answers = new EnumMap<>(BodyCase.class);
    answers.put(BodyCase.ELIGIBILITY_QUERY, Envelope.newBuilder()
        .setEligibilityQueryAccepted(EligibilityQueryAccepted.getDefaultInstance()));
    answers.put(BodyCase.ELIGIBILITY_ANSWER, Envelope.newBuilder()
        .setEligibilityAnswerAccepted(EligibilityAnswerAccepted.getDefaultInstance()));
    answers.put(BodyCase.CODE_REQUEST, Envelope.newBuilder()
        .setCodeIssued(AuthorisationCodeIssued.getDefaultInstance()));
    answers.put(BodyCase.PORT_REQUEST, Envelope.newBuilder().setPortRequestAck(PortRequestAck.getDefaultInstance()));
    answers.put(BodyCase.DONOR_ANSWER, Envelope.newBuilder().setDonorAnswerAck(DonorAnswerAck.getDefaultInstance()));
    answers.put(BodyCase.CANCEL, Envelope.newBuilder().setPortStatusAck(PortStatusAck.getDefaultInstance()));
    answers.put(BodyCase.DEACTIVATION, Envelope.newBuilder().setPortStatusAck(PortStatusAck.getDefaultInstance()));
    answers.put(BodyCase.NUMBER_RETURN, Envelope.newBuilder().setNumberReturnAck(NumberReturnAck.getDefaultInstance()));
    answers.put(BodyCase.ROUTING_LOOKUP, Envelope.newBuilder()
        .setRoutingLookupResponse(RoutingLookupResponse.getDefaultInstance()));
    answers.put(BodyCase.REGIME_REQUEST, Envelope.newBuilder().setRegimeInfo(RegimeInfo.getDefaultInstance()));
    Map<BodyCase, RequestHandler> handlers = new EnumMap<>(BodyCase.class);
    answers.forEach((body, answer) -> handlers.put(body, new RequestHandler() {
      @Override
      public Envelope.Builder handle(Session session, Envelope request) {
        assertThat(request.getBodyCase()).as("the body reaching its handler").isEqualTo(body);
        workers.served(true);
        Behaviour.of(request).throwUnlessAnswer();
        return answer.clone();
      }

      @Override
      public boolean blocks() {
        return body != BodyCase.ROUTING_LOOKUP && body != BodyCase.REGIME_REQUEST;
      }
    }));
    return handlers;
  }

  /**
   * The dispatcher's worker pool, run by hand on the test thread: the input decides when queued requests are
   * served, so that requests really wait in flight, and when the pool is full. Each task learns, as it runs,
   * whether it served an answered request or a one-way acknowledgement; from that, {@link #maxPendingRequests()}
   * counts the requests in flight independently of the limiter.
   */
  private static final class Workers implements Executor {
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final Map<Integer, Boolean> answered = new HashMap<>();
    /** Task numbers in the order they were queued (positive, from 1) and run (negative). */
    private final List<Integer> history = new ArrayList<>();
    private Integer running;
    boolean saturated;

    @Override
    public void execute(Runnable task) {
      if (saturated) {
        throw new RejectedExecutionException("the fake pool is full");
      }
      tasks.add(task);
      queue.add(tasks.size());
      history.add(tasks.size());
    }

    void run(int count) {
      for (int i = 0; i < count && !queue.isEmpty(); i++) {
        running = queue.poll();
        history.add(-running);
        try {
          tasks.get(running - 1).run();
        } finally {
          running = null;
        }
      }
    }

    /** Called by the fakes: the running task (none when the dispatcher serves inline) served this kind. */
    void served(boolean answeredRequest) {
      if (running != null) {
        answered.put(running, answeredRequest);
      }
    }

    int maxPendingRequests() {
      assertThat(queue).as("tasks never run").isEmpty();
      int pending = 0;
      int max = 0;
      for (int event : history) {
        if (answered.getOrDefault(Math.abs(event), false)) {
          pending += event > 0 ? 1 : -1;
          max = Math.max(max, pending);
        }
      }
      return max;
    }
  }

  /**
   * The connection's pushers, recorded. A subscription is answered as the real routing stream answers it (an
   * empty RoutingUpdates with the request's id); acknowledgements are only queued, on the event loop, as the real
   * pushers queue them: they answer nothing and never fail there.
   */
  private static final class RecordingPushers implements Pushers {
    private final Workers workers;
    int opened;
    int closed;

    RecordingPushers(Workers workers) {
      this.workers = workers;
    }

    @Override
    public Pusher open(Channel channel, Session session) {
      assertThat(session).isEqualTo(new Session(CARRIER, 1));
      opened++;
      return new Pusher() {
        @Override
        public void acknowledge(NotificationAck ack) {
          // queued by the real pushers; nothing to answer
        }

        @Override
        public boolean acknowledge(RoutingAck ack) {
          // queued by the real pushers, or refused (told under the connection's id) for a position never sent
          return ack.getPosition() % 2 == 0;
        }

        @Override
        public void subscribe(String correlationId, RoutingSubscribe subscribe) {
          workers.served(true);
          Behaviour.values()[subscribe.getSerializedSize() % 3].throwUnlessAnswer();
          channel.writeAndFlush(Envelope.newBuilder()
              .setHeader(Header.newBuilder().setProtocolVersion(session.version()).setCorrelationId(correlationId))
              .setRoutingUpdates(RoutingUpdates.getDefaultInstance()).build());
        }

        @Override
        public void wake() {}

        @Override
        public void close() {
          closed++;
        }
      };
    }
  }

  /** Unpooled heap buffers, each remembered, so that the end of a run can prove every one was released. */
  private static final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
      allocated.add(buf);
      return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    void assertAllReleased() {
      for (ByteBuf buf : allocated) {
        assertThat(buf.refCnt()).as("reference count of a buffer at the end: a leak").isZero();
      }
    }
  }
}
