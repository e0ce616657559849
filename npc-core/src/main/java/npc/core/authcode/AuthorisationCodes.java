package npc.core.authcode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import npc.core.regime.CodeRules;

/** Makes codes and their hashes. The code itself is shown once, to the donor who relays it, and never stored. */
public final class AuthorisationCodes {
  private static final int SALT_BYTES = 16;

  private final CodeRules rules;
  private final SecureRandom random;

  public AuthorisationCodes(CodeRules rules, SecureRandom random) {
    this.rules = rules;
    this.random = random;
  }

  /** A fresh code of the regime's alphabet and length. */
  public String newCode() {
    StringBuilder code = new StringBuilder(rules.length());
    for (int i = 0; i < rules.length(); i++) {
      code.append(rules.alphabet().charAt(random.nextInt(rules.alphabet().length())));
    }
    return code.toString();
  }

  public byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return salt;
  }

  /** Whether {@code text} could be a code of this regime at all (checked before any database read). */
  public boolean wellFormed(String text) {
    if (text == null || text.length() != rules.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (rules.alphabet().indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The stored form: SHA-256 over salt, number, subscriber digest and code. A code shown for one number or one
   * subscriber does not match another.
   */
  public static byte[] hash(byte[] salt, String msisdn, byte[] subscriberDigest, String code) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(msisdn.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(subscriberDigest);
      sha.update((byte) 0);
      sha.update(code.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
