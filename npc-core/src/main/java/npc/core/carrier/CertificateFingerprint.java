package npc.core.carrier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A client certificate's identity for the registry: the SHA-256 of its DER encoding, as 64 lowercase hex digits.
 * Binds a carrier to one certificate rather than to whatever name a CA may put in another.
 */
public record CertificateFingerprint(String value) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public CertificateFingerprint {
    if (value == null || !HEX.matcher(value).matches()) {
      throw new IllegalArgumentException("a certificate fingerprint is 64 lowercase hex digits (SHA-256)");
    }
  }

  /** The fingerprint of a certificate's DER encoding. */
  public static CertificateFingerprint of(byte[] der) {
    try {
      return new CertificateFingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
