package npc.gateway.server.session;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.HashSet;
import java.util.Set;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.ErrorNotice;
import npc.gateway.protocol.v1.Header;
import npc.gateway.server.frame.Closing;
import npc.gateway.server.frame.FrameErrorHandler;

/**
 * Bounds the requests a connection has waiting for an answer, and keeps their correlation ids unique: a request
 * beyond the bound is answered BUSY at once (answers due by a deadline, {@link Bodies#isDueAnswer}, have a bound of
 * their own of the same size, so that a carrier's new requests never leave it no room to answer), a correlation id already waiting is answered
 * DUPLICATE_CORRELATION_ID, and a body only the server sends is answered NOT_A_REQUEST; none of them reaches the
 * handlers, and the connection stays open. A request whose correlation id is not 1-64 printable ASCII characters
 * outside the server's prefix is a MALFORMED_FRAME, which closes the connection as every malformed frame does:
 * no answer could carry that id back to the request. A slot frees when the answer (or an error about the request)
 * is written. One instance per channel; Netty calls it on the channel's event loop only.
 */
public final class InFlightLimiter extends ChannelDuplexHandler {
  /** Ids of frames the server pushes unasked start with this; a carrier's never do. */
  public static final String SERVER_PREFIX = "s:";
  /** The longest correlation id a request may carry. */
  public static final int MAX_ID_LENGTH = 64;

  private final int maxInFlight;
  private final Set<String> waiting = new HashSet<>();
  /** The ids of {@link #waiting} that are answers due by a deadline. */
  private final Set<String> answers = new HashSet<>();

  public InFlightLimiter(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("at least one request in flight: " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Envelope envelope)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (Closing.isClosing(ctx.channel())) {
      return; // read before the closing error was sent: never answered
    }
    Envelope.BodyCase body = envelope.getBodyCase();
    String id = envelope.getHeader().getCorrelationId();
    if (!Bodies.fromCarrier(body)) {
      answer(ctx, envelope, 400, body == Envelope.BodyCase.BODY_NOT_SET ? ErrorCode.UNKNOWN_BODY
          : ErrorCode.NOT_A_REQUEST, body == Envelope.BodyCase.BODY_NOT_SET ? "no body this server knows"
          : body + " is sent by the server, not to it");
      return;
    }
    if (!Bodies.isAnswered(body)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!isRequestId(id)) {
      Closing.close(ctx.channel(), FrameErrorHandler.error(400, ErrorCode.MALFORMED_FRAME, "a request needs a "
          + "correlation id of 1-" + MAX_ID_LENGTH + " printable ASCII characters not starting with '"
          + SERVER_PREFIX + "' (the server's own ids); " + body + " had " + describe(id)));
    } else if (waiting.contains(id)) {
      answer(ctx, envelope, 409, ErrorCode.DUPLICATE_CORRELATION_ID, "correlation id " + id
          + " is already waiting for its answer");
    } else if (Bodies.isDueAnswer(body) ? answers.size() >= maxInFlight
        : waiting.size() - answers.size() >= maxInFlight) {
      answer(ctx, envelope, 503, ErrorCode.BUSY, maxInFlight + (Bodies.isDueAnswer(body) ? " answers" : " requests")
          + " are in flight; wait for answers");
    } else {
      waiting.add(id);
      if (Bodies.isDueAnswer(body)) {
        answers.add(id);
      }
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof Envelope envelope) {
      waiting.remove(envelope.getHeader().getCorrelationId());
      answers.remove(envelope.getHeader().getCorrelationId());
    }
    ctx.write(msg, promise);
  }

  /**
   * Whether a request may carry this correlation id: 1-64 characters from U+0020 to U+007E, not starting with the
   * server's prefix. Anything else could not be told apart from the server's ids, or carried back reliably.
   */
  public static boolean isRequestId(String id) {
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH || id.startsWith(SERVER_PREFIX)) {
      return false;
    }
    return id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  /** The id as the detail may quote it: the carrier's engineer sees what was wrong, never more than the limit. */
  private static String describe(String id) {
    if (id.isEmpty()) {
      return "none";
    }
    String shown = id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) + "..." : id;
    return id.length() + " characters: \"" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }

  /** How many requests wait for an answer; for tests and metrics. */
  public int inFlight() {
    return waiting.size();
  }

  private static void answer(ChannelHandlerContext ctx, Envelope request, int status, ErrorCode code, String detail) {
    Session session = ctx.channel().attr(Session.KEY).get();
    ctx.writeAndFlush(Envelope.newBuilder()
        .setHeader(Header.newBuilder()
            .setProtocolVersion(session == null ? request.getHeader().getProtocolVersion() : session.version())
            .setCorrelationId(request.getHeader().getCorrelationId()))
        .setError(ErrorNotice.newBuilder().setStatus(status).setCode(code).setDetail(detail))
        .build());
  }
}
