package npc.audit.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A growing byte buffer with the primitives of the canonical encoding ({@code audit/docs/format.md}, "Canonical
 * encoding"): what {@link CanonicalEncoding} writes every structure with, and what a reader that encodes an entry
 * straight from the characters of its export line writes with, so that both put the same bytes for the same value. It
 * can be {@link #reset} and reused: one per reading thread, no allocation per entry.
 */
public final class CanonicalBuffer {
  private byte[] buf;
  private int size;

  public CanonicalBuffer(int capacity) {
    buf = new byte[capacity];
  }

  /** Empties the buffer, keeping its capacity. */
  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  public void u32(long v) {
    ensure(4);
    putU32(size, v);
    size += 4;
  }

  /** Overwrites the 4 bytes at {@code at}, written before (a length known only once what follows is written). */
  public void u32At(int at, long v) {
    if (at < 0 || at + 4 > size) {
      throw new IndexOutOfBoundsException("u32 at " + at + " of " + size + " bytes");
    }
    putU32(at, v);
  }

  private void putU32(int at, long v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[at++] = (byte) (v >>> shift);
    }
  }

  public void u64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  /** Milliseconds since 1970-01-01T00:00:00Z, signed 64 bits (two's complement). */
  public void time(Instant at) {
    u64(at.toEpochMilli());
  }

  public void uuid(UUID id) {
    u64(id.getMostSignificantBits());
    u64(id.getLeastSignificantBits());
  }

  public void bytes32(Bytes32 value) {
    ensure(Bytes32.LENGTH);
    System.arraycopy(value.unsafeBytes(), 0, buf, size, Bytes32.LENGTH);
    size += Bytes32.LENGTH;
  }

  public void text(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    u32(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, size, utf8.length);
    size += utf8.length;
  }

  /**
   * {@code chars[from, to)} as {@code text}, encoded to UTF-8 here with no string in between. Returns false, with the
   * buffer in an unspecified state, if the characters hold a surrogate: this method does not judge pairs, and
   * {@link #text(String)} is the one to use for them.
   */
  public boolean text(char[] chars, int from, int to) {
    int lengthAt = size;
    ensure(4 + 3 * (to - from));
    size += 4;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c < 0x80) {
        buf[size++] = (byte) c;
      } else if (c < 0x800) {
        buf[size++] = (byte) (0xC0 | c >> 6);
        buf[size++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        return false;
      } else {
        buf[size++] = (byte) (0xE0 | c >> 12);
        buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[size++] = (byte) (0x80 | c & 0x3F);
      }
    }
    putU32(lengthAt, size - lengthAt - 4);
    return true;
  }

  /**
   * The bytes written as {@code 2 * count} lowercase hex digits at {@code chars[from]}; false, with the buffer in an
   * unspecified state, if one is not a lowercase hex digit.
   */
  public boolean hex(char[] chars, int from, int count) {
    ensure(count);
    for (int i = 0; i < count; i++) {
      int high = Bytes32.hexDigit(chars[from + 2 * i]);
      int low = Bytes32.hexDigit(chars[from + 2 * i + 1]);
      if ((high | low) < 0) {
        return false;
      }
      buf[size++] = (byte) (high << 4 | low);
    }
    return true;
  }

  public void optionalText(Optional<String> value) {
    if (value.isPresent()) {
      u8(1);
      text(value.get());
    } else {
      u8(0);
    }
  }

  /** SHA-256 of the bytes written, into {@code into[0..32)}, with {@code digest} (reset by the call). */
  public void sha256(MessageDigest digest, byte[] into) {
    digest.update(buf, 0, size);
    try {
      digest.digest(into, 0, Bytes32.LENGTH);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 makes 32 bytes", e);
    }
  }

  /** Whether {@code bytes[0..32)} equal the 32 bytes written at {@code at}. */
  public boolean equals32(int at, byte[] bytes) {
    return Arrays.equals(buf, at, at + Bytes32.LENGTH, bytes, 0, Bytes32.LENGTH);
  }

  /** The 32 bytes written at {@code at}. */
  public Bytes32 bytes32At(int at) {
    return new Bytes32(Arrays.copyOfRange(buf, at, at + Bytes32.LENGTH));
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
