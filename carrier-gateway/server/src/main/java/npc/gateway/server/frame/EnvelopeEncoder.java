package npc.gateway.server.frame;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;
import npc.gateway.protocol.v1.Envelope;

/** Writes an {@link Envelope} as one frame: its 4-byte big-endian length, then its bytes. Stateless. */
@ChannelHandler.Sharable
public final class EnvelopeEncoder extends MessageToByteEncoder<Envelope> {
  public static final EnvelopeEncoder INSTANCE = new EnvelopeEncoder();

  private EnvelopeEncoder() {
    super(Envelope.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Envelope msg, boolean preferDirect) {
    int size = 4 + msg.getSerializedSize();
    return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Envelope msg, ByteBuf out) throws IOException {
    int size = msg.getSerializedSize();
    out.writeInt(size);
    int start = out.writerIndex();
    CodedOutputStream output = CodedOutputStream.newInstance(out.nioBuffer(start, size));
    msg.writeTo(output);
    output.checkNoSpaceLeft();
    out.writerIndex(start + size);
  }
}
