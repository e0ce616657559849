package npc.gateway.server.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import npc.gateway.protocol.v1.ErrorCode;

/**
 * Cuts the byte stream into frames at their 4-byte length prefix. A length above the maximum fails at once, as
 * soon as the prefix is read ({@code failFast}), so the server never buffers more than the maximum for a frame;
 * Netty's varint protobuf decoder would have no maximum at all.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
  /** The default maximum, announced to carriers in Welcome. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  private static final int PREFIX = 4;

  private final int maxFrameBytes;

  public FrameDecoder(int maxFrameBytes) {
    super(maxFrameBytes + PREFIX, 0, PREFIX, 0, PREFIX, true);
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
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
