package npc.gateway.client;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.List;
import npc.gateway.protocol.v1.Envelope;

/**
 * The protocol's framing: a 4-byte big-endian length, then one serialized {@link Envelope}. A frame longer than
 * the client's inbound maximum fails as soon as its length is read, so a broken peer cannot make the client
 * buffer without bound; the failure closes the connection, and the client reconnects.
 */
final class Frames {
  static final int PREFIX = 4;

  private Frames() {}

  /** Adds the frame decoder, the envelope parser and the envelope encoder, in that order. */
  static void install(ChannelPipeline pipeline, int maxInboundFrameBytes) {
    pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(maxInboundFrameBytes + PREFIX, 0, PREFIX, 0,
            PREFIX, true))
        .addLast("envelopes", Decoder.INSTANCE)
        .addLast("encoder", Encoder.INSTANCE);
  }

  /** Parses one frame; a frame that is not an envelope is a broken stream. */
  @ChannelHandler.Sharable
  static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
    static final Decoder INSTANCE = new Decoder();

    private Decoder() {
      super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws IOException {
      out.add(Envelope.parseFrom(new ByteBufInputStream(frame)));
    }
  }

  /** Writes an envelope as its length and its bytes, in one buffer of exactly that size. */
  @ChannelHandler.Sharable
  static final class Encoder extends MessageToByteEncoder<Envelope> {
    static final Encoder INSTANCE = new Encoder();

    private Encoder() {
      super(Envelope.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Envelope msg, boolean preferDirect) {
      int size = PREFIX + msg.getSerializedSize();
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
}
