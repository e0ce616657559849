package npc.cassandra.embedded;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a node a real CQL query over the native protocol (version 4), without a driver: this module must not
 * depend on one, since the driver's Netty would meet cassandra-all's on the test classpath. A node is ready
 * when it answers {@code SELECT release_version FROM system.local} with rows.
 */
final class CqlProbe {
  private static final int VERSION_4 = 0x04;
  private static final int RESPONSE_FLAG = 0x80;
  private static final int OP_ERROR = 0x00;
  private static final int OP_STARTUP = 0x01;
  private static final int OP_READY = 0x02;
  private static final int OP_QUERY = 0x07;
  private static final int OP_RESULT = 0x08;
  private static final int RESULT_ROWS = 0x0002;
  private static final int CONSISTENCY_ONE = 0x0001;
  private static final int MAX_BODY = 1 << 20;

  private CqlProbe() {}

  /**
   * Returns the node's release version once it answers a query.
   *
   * @throws IOException when the node does not accept connections or does not answer as a ready node would
   */
  static String releaseVersion(InetSocketAddress address, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());

      byte[] startup = body(b -> {
        b.writeShort(1);
        writeString(b, "CQL_VERSION");
        writeString(b, "3.0.0");
      });
      send(out, 0, OP_STARTUP, startup);
      expect(in, OP_READY);

      byte[] query = body(b -> {
        byte[] cql = "SELECT release_version FROM system.local".getBytes(StandardCharsets.UTF_8);
        b.writeInt(cql.length);
        b.write(cql);
        b.writeShort(CONSISTENCY_ONE);
        b.writeByte(0);
      });
      send(out, 1, OP_QUERY, query);
      DataInputStream result = new DataInputStream(new java.io.ByteArrayInputStream(expect(in, OP_RESULT)));
      if (result.readInt() != RESULT_ROWS) {
        throw new IOException("the node answered the probe query without rows");
      }
      return readSingleText(result);
    }
  }

  /** Rows result: metadata (flags, column count, global table spec, column specs), then rows of [bytes]. */
  private static String readSingleText(DataInputStream in) throws IOException {
    int flags = in.readInt();
    int columns = in.readInt();
    if ((flags & 0x0002) != 0) { // has more pages: a paging state follows
      skipBytes(in);
    }
    if ((flags & 0x0004) != 0) { // no metadata
      return "unknown";
    }
    boolean globalTableSpec = (flags & 0x0001) != 0;
    if (globalTableSpec) {
      skipString(in);
      skipString(in);
    }
    for (int i = 0; i < columns; i++) {
      if (!globalTableSpec) {
        skipString(in);
        skipString(in);
      }
      skipString(in);
      in.readUnsignedShort(); // type id; release_version is varchar, which has no parameters
    }
    if (in.readInt() < 1) {
      throw new IOException("system.local returned no row");
    }
    int length = in.readInt();
    if (length < 0) {
      return "unknown";
    }
    byte[] value = new byte[length];
    in.readFully(value);
    return new String(value, StandardCharsets.UTF_8);
  }

  private interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] body(BodyWriter writer) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    writer.write(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static void send(DataOutputStream out, int stream, int opcode, byte[] body) throws IOException {
    out.writeByte(VERSION_4);
    out.writeByte(0);
    out.writeShort(stream);
    out.writeByte(opcode);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  private static byte[] expect(DataInputStream in, int expectedOpcode) throws IOException {
    int version = in.readUnsignedByte();
    in.readUnsignedByte(); // flags
    in.readUnsignedShort(); // stream
    int opcode = in.readUnsignedByte();
    int length = in.readInt();
    if (version != (VERSION_4 | RESPONSE_FLAG) || length < 0 || length > MAX_BODY) {
      throw new IOException("not a CQL v4 response (version byte " + version + ", length " + length + ")");
    }
    byte[] body = new byte[length];
    in.readFully(body);
    if (opcode == OP_ERROR) {
      DataInputStream error = new DataInputStream(new java.io.ByteArrayInputStream(body));
      int code = error.readInt();
      throw new IOException("the node answered with error 0x" + Integer.toHexString(code) + ": " + readString(error));
    }
    if (opcode != expectedOpcode) {
      throw new IOException("expected opcode " + expectedOpcode + ", got " + opcode);
    }
    return body;
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readUnsignedShort()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void skipString(DataInputStream in) throws IOException {
    in.skipNBytes(in.readUnsignedShort());
  }

  private static void skipBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length > 0) {
      in.skipNBytes(length);
    }
  }
}
