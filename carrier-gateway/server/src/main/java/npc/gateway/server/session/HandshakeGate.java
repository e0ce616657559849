package npc.gateway.server.session;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.protocol.v1.Hello;
import npc.gateway.protocol.v1.Welcome;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;
import npc.gateway.server.admission.SessionSlots;
import npc.gateway.server.log.ClientText;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.log.Refusal;
import npc.gateway.server.log.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets nothing through before a good Hello: the first frame must be Hello, within the deadline, with a version
 * range this server shares, on a connection whose certificate names a registered carrier. Then it answers
 * Welcome, records the {@link Session} on the channel, steps out of the pipeline and announces the session to
 * the handlers after it as a user event. Every refusal is a typed
 * error, and the connection closes.
 */
public final class HandshakeGate extends SimpleChannelInboundHandler<Envelope> {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeGate.class);

  /** What the Welcome announces. */
  public record Terms(Versions versions, long helloTimeoutMillis, int maxFrameBytes, int maxInFlight,
      long pingIntervalMillis, String regime, long maxSessionMillis) {
    /** The default maximum session lifetime: a day. */
    public static final long DEFAULT_MAX_SESSION_MILLIS = TimeUnit.HOURS.toMillis(24);

    public Terms(Versions versions, long helloTimeoutMillis, int maxFrameBytes, int maxInFlight,
        long pingIntervalMillis, String regime) {
      this(versions, helloTimeoutMillis, maxFrameBytes, maxInFlight, pingIntervalMillis, regime,
          DEFAULT_MAX_SESSION_MILLIS);
    }
  }

  private final Terms terms;
  private final CarrierIdentities identities;
  private final SessionSlots slots;
  private final RefusalLog refusals;
  private final Clock clock;
  private ScheduledFuture<?> deadline;

  /** A gate that bounds no number of sessions. */
  public HandshakeGate(Terms terms, CarrierIdentities identities, Clock clock) {
    this(terms, identities, SessionSlots.unbounded(), clock);
  }

  /** A gate whose refusals are counted on their own. */
  public HandshakeGate(Terms terms, CarrierIdentities identities, SessionSlots slots, Clock clock) {
    this(terms, identities, slots, new RefusalLog(new GatewayCounters(), clock, java.time.Duration.ofSeconds(10)),
        clock);
  }

  /** A gate whose refusals, and the ends of its sessions' lifetimes, are counted in {@code refusals}. */
  public HandshakeGate(Terms terms, CarrierIdentities identities, SessionSlots slots, RefusalLog refusals,
      Clock clock) {
    super(Envelope.class);
    this.terms = terms;
    this.identities = identities;
    this.slots = slots;
    this.refusals = refusals;
    this.clock = clock;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // No frame came, so there is no request to answer: the error is about the connection.
    deadline = ctx.executor().schedule(() -> refuse(ctx, FrameErrorHandler.CONNECTION, 401,
        ErrorCode.HELLO_REQUIRED, "no Hello within " + terms.helloTimeoutMillis() + " ms"),
        terms.helloTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
    String correlationId = envelope.getHeader().getCorrelationId();
    if (envelope.getBodyCase() != Envelope.BodyCase.HELLO) {
      refuse(ctx, correlationId, 401, ErrorCode.HELLO_REQUIRED, "the first frame must be Hello, not "
          + envelope.getBodyCase());
      return;
    }
    Hello hello = envelope.getHello();
    OptionalInt version = terms.versions().choose(hello.getMinVersion(), hello.getMaxVersion());
    if (version.isEmpty()) {
      refuse(ctx, correlationId, 426, ErrorCode.UNSUPPORTED_VERSION, "this server speaks versions "
          + terms.versions().lowest() + " to " + terms.versions().highest() + ", the client "
          + hello.getMinVersion() + " to " + hello.getMaxVersion());
      return;
    }
    Identification identification = identities.identify(ctx.channel());
    if (identification instanceof Identification.Refused refused) {
      refuse(ctx, correlationId, 403, refused.code(), refused.detail());
      return;
    }
    Identification.Identified identified = (Identification.Identified) identification;
    SessionSlots.Verdict slot = slots.open(identified.carrier(), ctx.channel());
    if (slot != SessionSlots.Verdict.OPENED) {
      refuse(ctx, correlationId, 503, ErrorCode.TOO_MANY_CONNECTIONS, slot == SessionSlots.Verdict.CARRIER_FULL
          ? "this carrier holds as many sessions as the server allows one carrier; close one, then reconnect"
          : "the server holds as many sessions as it allows; reconnect later, to another instance if there is one");
      return;
    }
    Session session = new Session(identified.carrier(), version.getAsInt());
    ctx.channel().attr(Session.KEY).set(session);
    identified.credential().ifPresent(credential -> ctx.channel().attr(Credential.KEY).set(credential));
    Instant now = clock.instant();
    SessionLifetime.limit(ctx.channel(), now, terms.maxSessionMillis(), identified.credential(),
        () -> refusals.counters().count(Refusal.SESSION_EXPIRED));
    ctx.writeAndFlush(Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(session.version()).setCorrelationId(correlationId))
        .setWelcome(Welcome.newBuilder()
            .setProtocolVersion(session.version())
            .setCarrierId(session.carrier().value())
            .setMaxFrameBytes(terms.maxFrameBytes())
            .setMaxInFlight(terms.maxInFlight())
            .setPingInterval(Duration.newBuilder().setSeconds(terms.pingIntervalMillis() / 1000)
                .setNanos((int) (terms.pingIntervalMillis() % 1000) * 1_000_000))
            .setServerTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setRegime(terms.regime()))
        .build());
    LOG.info("Session open: carrier {} on version {} from {} ({} {})", session.carrier(), session.version(),
        ctx.channel().remoteAddress(), ClientText.safe(hello.getClientName()),
        ClientText.safe(hello.getClientVersion()));
    ctx.pipeline().remove(this);
    ctx.fireUserEventTriggered(session); // the handlers after this one start the session's work
  }

  private void refuse(ChannelHandlerContext ctx, String correlationId, int status, ErrorCode code, String detail) {
    // Anyone with a certificate of the CA can cause these: counted, logged at most once an interval.
    refusals.refused(code == ErrorCode.TOO_MANY_CONNECTIONS ? Refusal.TOO_MANY_SESSIONS : Refusal.HELLO_REFUSED,
        ctx.channel().remoteAddress(), code + " " + detail);
    Closing.close(ctx.channel(), Envelope.newBuilder()
        .setHeader(Header.newBuilder().setProtocolVersion(terms.versions().highest()).setCorrelationId(correlationId))
        .setError(ErrorNotice.newBuilder().setStatus(status).setCode(code).setDetail(detail).setClosing(true))
        .build());
  }
}
