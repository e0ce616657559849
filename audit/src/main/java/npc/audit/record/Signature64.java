package npc.audit.record;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** An Ed25519 signature: exactly 64 bytes, shown as lowercase hex. */
public final class Signature64 {
  public static final int LENGTH = 64;
  private final byte[] bytes;

  private Signature64(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature64 of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, got "
          + (bytes == null ? "none" : bytes.length));
    }
    return new Signature64(bytes.clone());
  }

  public static Signature64 ofHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("a signature is 128 lowercase hex digits");
    }
    return new Signature64(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature64 other && Arrays.equals(bytes, other.bytes);
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
