package npc.gateway.server.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import npc.gateway.protocol.v1.ErrorCode;

/**
 * Cuts the byte stream into frames at their 4-byte length prefix. A length above the maximum fails at once, as
 * soon as the prefix is read ({@code failFast}), so the server never buffers more than the maximum for a frame;
 * Netty's varint protobuf decoder would have no maximum at all.
 *
 * <p>While a connection is paused for its carrier's rate ({@link #hold}), the frames already read stay here undecoded
 * and the connection is not read: a flood's frames that arrived with the one refused are neither decoded nor
 * answered, one by one, on the event loop it shares with other carriers; they are decoded, in order, when the pause
 * ends ({@link #release}). What is held is at most what the read under way brought (one TLS record and one read).
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  /** The default maximum, announced to carriers in Welcome. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  private static final int PREFIX = 4;
  private static final AttributeKey<Boolean> HELD = AttributeKey.valueOf("npc.frames-held");

  private final int maxFrameBytes;

  public FrameDecoder(int maxFrameBytes) {
    super(maxFrameBytes + PREFIX, 0, PREFIX, 0, PREFIX, true);
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Decodes no more frames on {@code channel} until {@link #release}; on its event loop. */
  public static void hold(Channel channel) {
    channel.attr(HELD).set(true);
  }

  /** Decodes the frames held on {@code channel}, if it is still open; on its event loop. */
  public static void release(Channel channel) {
    channel.attr(HELD).set(null);
    ChannelHandlerContext ctx = channel.pipeline().context(FrameDecoder.class);
    if (ctx == null || !channel.isActive()) {
      return;
    }
    FrameDecoder decoder = (FrameDecoder) ctx.handler();
    try {
      decoder.channelRead(ctx, Unpooled.EMPTY_BUFFER); // what the read under way left, as if it came in now
      decoder.channelReadComplete(ctx);
    } catch (Exception e) {
      ctx.fireExceptionCaught(e);
    }
  }

  private static boolean held(Channel channel) {
    return Boolean.TRUE.equals(channel.attr(HELD).get());
  }

  /** While held, the read is complete without asking for more: the decoder would read on to find a frame. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (held(ctx.channel())) {
      discardSomeReadBytes();
      ctx.fireChannelReadComplete();
    } else {
      super.channelReadComplete(ctx);
    }
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    if (held(ctx.channel())) {
      return null; // the bytes stay for release
    }
    if (Closing.isClosing(ctx.channel())) {
      in.skipBytes(in.readableBytes()); // sent before the peer saw the last frame: never handled
      return null;
    }
    try {
      return super.decode(ctx, in);
    } catch (TooLongFrameException e) {
      in.skipBytes(in.readableBytes()); // the rest of the stream is not to be trusted; the connection closes
      throw new FrameException(ErrorCode.FRAME_TOO_LARGE, 413, "a frame is longer than the maximum of "
          + maxFrameBytes + " bytes", e);
    }
  }

  @Override
  protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, java.nio.ByteOrder order) {
    long frameLength = buf.getUnsignedInt(offset);
    if (frameLength == 0) {
      throw new FrameException(ErrorCode.MALFORMED_FRAME, 400, "a frame of length 0", null);
    }
    return frameLength;
  }
}
