package npc.audit.record;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Exactly 32 bytes: a SHA-256 hash, a subscriber's keyed digest (HMAC-SHA256) or a key id. A value, compared by its
 * bytes, shown as lowercase hex; the array is copied in and out so that nobody holding one can change another's.
 */
public final class Bytes32 {
  public static final int LENGTH = 32;
  /** The previous hash of a chain's first entry. */
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private final byte[] bytes;

  /** Takes {@code bytes} as they are: for arrays nobody else holds. */
  Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes32 of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new Bytes32(bytes.clone());
  }

  /** From 64 lowercase hex digits, the only form an export uses. */
  public static Bytes32 ofHex(String hex) {
    byte[] bytes = hex == null || hex.length() != 2 * LENGTH ? null : new byte[LENGTH];
    for (int i = 0; bytes != null && i < LENGTH; i++) {
      int high = hexDigit(hex.charAt(2 * i));
      int low = hexDigit(hex.charAt(2 * i + 1));
      if (high < 0 || low < 0) {
        bytes = null;
      } else {
        bytes[i] = (byte) (high << 4 | low);
      }
    }
    if (bytes == null) {
      throw new IllegalArgumentException("expected 64 lowercase hex digits, got " + (hex == null ? "none" : "\""
          + (hex.length() > 80 ? hex.substring(0, 80) + "..." : hex) + "\""));
    }
    return new Bytes32(bytes);
  }

  /** A lowercase hex digit's value, or -1: an export has one spelling of each value. */
  public static int hexDigit(char c) {
    return c < HEX_DIGITS.length ? HEX_DIGITS[c] : -1;
  }

  /** By character, below 'g': its value as a lowercase hex digit, or -1 (a table: a verifier reads 100 an entry). */
  private static final byte[] HEX_DIGITS = new byte['g'];

  static {
    Arrays.fill(HEX_DIGITS, (byte) -1);
    for (char c = '0'; c <= '9'; c++) {
      HEX_DIGITS[c] = (byte) (c - '0');
    }
    for (char c = 'a'; c <= 'f'; c++) {
      HEX_DIGITS[c] = (byte) (c - 'a' + 10);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Without a copy, for encoders that only read. */
  byte[] unsafeBytes() {
    return bytes;
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
