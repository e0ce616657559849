package npc.core.authcode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import npc.core.regime.CodeRules;

/**
 * Makes codes and their hashes. The code itself is shown once, to the donor who relays it, and never stored. The
 * stored form is keyed with a secret kept outside Cassandra, so that whoever reads a number's row (the salt and the
 * hash beside it) cannot test the code space offline: a 6-digit code is only a million guesses.
 */
public final class AuthorisationCodes {
  /**
   * What the code key is derived for from the identity key ({@code IdentityDigester.derivedKey}): a new version of
   * the stored form would take a new purpose, hence a new key.
   */
  public static final String KEY_PURPOSE = "npc authorisation code v1";
  private static final int SALT_BYTES = 16;
  private static final int MIN_KEY_BYTES = 32;

  private final CodeRules rules;
  private final SecureRandom random;
  private final SecretKeySpec key;

  /**
   * @param codeKey at least 32 bytes, kept outside Cassandra (derived from the identity key for
   *     {@link #KEY_PURPOSE}); never logged
   */
  public AuthorisationCodes(CodeRules rules, SecureRandom random, byte[] codeKey) {
    if (codeKey.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the code key needs at least " + MIN_KEY_BYTES + " bytes");
    }
    this.rules = rules;
    this.random = random;
    this.key = new SecretKeySpec(codeKey.clone(), "HmacSHA256");
  }

  /** A fresh code of the regime's alphabet and length. */
  public String newCode() {
    StringBuilder code = new StringBuilder(rules.length());
    for (int i = 0; i < rules.length(); i++) {
      code.append(rules.alphabet().charAt(random.nextInt(rules.alphabet().length())));
    }
    return code.toString();
  }

  /** A fresh salt for one code: two codes never share a hash, even for the same number, subscriber and code. */
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
   * The stored form: HMAC-SHA256 under the code key over salt, number, subscriber digest and code. A code shown for
   * one number or one subscriber does not match another, and without the key no code can be tested against it.
   */
  public byte[] hash(byte[] salt, String msisdn, byte[] subscriberDigest, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(salt);
      mac.update(msisdn.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(subscriberDigest);
      mac.update((byte) 0);
      mac.update(code.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Whether {@code code}, given for this number and subscriber, is the code stored as {@code storedHash} with
   * {@code salt}: a code of the regime's form whose hash is the same, compared in constant time.
   */
  public boolean matches(byte[] storedHash, byte[] salt, String msisdn, byte[] subscriberDigest, String code) {
    return wellFormed(code) && MessageDigest.isEqual(storedHash, hash(salt, msisdn, subscriberDigest, code));
  }
}
