package npc.audit.record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, one instance per thread (a {@link MessageDigest} is not thread-safe, and making one costs more than a hash). */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  private Sha256() {}

  public static Bytes32 of(byte[] bytes) {
    return Bytes32.of(DIGEST.get().digest(bytes));
  }
}
