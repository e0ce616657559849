package npc.ops.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a bearer token, {@code npc_<id>_<secret>}: a public id of 12 hex digits, which names the stored row,
 * and 32 random bytes (256 bits) in base64url.
 *
 * <p>Only {@link #sha256()} of the whole text is stored. A plain SHA-256 and not bcrypt or Argon2: those slow
 * hashes exist to make guessing a low-entropy password expensive; a 256-bit random secret cannot be guessed
 * however fast the hash, and a slow hash would cost every API request tens of milliseconds of CPU.
 */
public record TokenSecret(String id, String text) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORMAT = Pattern.compile("npc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");

  /** A new token with a fresh id and secret. */
  public static TokenSecret generate() {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String hexId = HexFormat.of().formatHex(id);
    return new TokenSecret(hexId,
        "npc_" + hexId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The token in {@code text}, or empty when it is not of the format at all (no database read for those). */
  public static Optional<TokenSecret> parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.strip());
    return m != null && m.matches() ? Optional.of(new TokenSecret(m.group(1), text.strip())) : Optional.empty();
  }

  public byte[] sha256() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether this token's hash is {@code stored}, compared in constant time. */
  public boolean matches(byte[] stored) {
    return stored != null && MessageDigest.isEqual(sha256(), stored);
  }

  @Override
  public String toString() {
    return "TokenSecret[" + id + "]"; // never the secret, should this reach a log
  }
}
