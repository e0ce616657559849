package npc.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an identity into a keyed digest (HMAC-SHA256 under the clearinghouse's secret), so that the same
 * subscriber always gives the same digest and nobody without the key can test a guessed ID number against it.
 */
public final class IdentityDigester {
  private final SecretKeySpec key;
  private final IdentitySeal seal;

  /** @param secret at least 32 bytes, from the operator's configuration; never logged */
  public IdentityDigester(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the identity key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.seal = IdentitySeal.derivedFrom(secret);
  }

  /**
   * The seal whose key is derived from this digester's identity key: where an identity must be shown again later
   * (to an eligibility query's donor), it is kept sealed under it, beside its digest.
   */
  public IdentitySeal seal() {
    return seal;
  }

  /** The digest of {@code identity}; names are compared case- and width-insensitively (NFKC, trimmed). */
  public byte[] digest(SubscriberIdentity identity) {
    String canonical = Normalizer.normalize(identity.name().strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        + "\u0000" + identity.idNumber().toUpperCase(Locale.ROOT);
    return mac(canonical);
  }

  /**
   * A key of 32 bytes for another purpose, derived from the identity key: HMAC-SHA256(identity key, purpose). So the
   * clearinghouse keeps one secret outside Cassandra, yet never uses it raw for two things: a key derived for one
   * purpose tells nothing of the identity key or of the key of another purpose.
   *
   * @param purpose names the use and its version, e.g. "npc authorisation code v1"; a new version gives a new key
   */
  public byte[] derivedKey(String purpose) {
    if (purpose.isBlank()) {
      throw new IllegalArgumentException("a derived key needs a purpose");
    }
    return mac(purpose);
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
