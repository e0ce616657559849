package npc.gateway.server.frame;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;

/** Parses one frame into an {@link Envelope}; anything else is a {@code MALFORMED_FRAME}. Stateless. */
@ChannelHandler.Sharable
public final class EnvelopeDecoder extends MessageToMessageDecoder<ByteBuf> {
  public static final EnvelopeDecoder INSTANCE = new EnvelopeDecoder();

  private EnvelopeDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    try {
      CodedInputStream input = frame.nioBufferCount() == 1
          ? CodedInputStream.newInstance(frame.nioBuffer())
          : CodedInputStream.newInstance(ByteBufUtil.getBytes(frame));
      Envelope envelope = Envelope.parser().parseFrom(input);
      input.checkLastTagWas(0);
      out.add(envelope);
    } catch (InvalidProtocolBufferException e) {
      throw new FrameException(ErrorCode.MALFORMED_FRAME, 400, "a frame is not a protocol v1 Envelope: "
          + e.getMessage(), e);
    }
  }
}
