package npc.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a subscriber's identity (AES-256-GCM, JDK only) for the short time the clearinghouse must be able to show it
 * to a carrier: an eligibility query's donor answers against its own records, so it is shown the identity the query
 * names while the query is pending. Nothing else of the identity is kept in clear.
 *
 * <p>The key is derived from the identity key, {@code HMAC-SHA256(identity key, "npc identity seal v1")}: no second
 * secret for the operator to keep, every instance derives the same key, and the digest key and the seal key are
 * never the same bytes. Each seal is bound to its subject (a query's id) as additional authenticated data (the
 * version byte, then the subject's 16 bytes), so a sealed identity copied to another row does not open there.
 *
 * <p>Format: {@code 0x01} (the format and key version), a random 12-byte nonce, then the ciphertext with its 16-byte
 * tag. The plaintext is the name's UTF-8 length (2 bytes), the name, then the ID number.
 */
public final class IdentitySeal {
  /** The label of the derivation; a new label is a new key, for a rotation. */
  static final String DERIVATION_LABEL = "npc identity seal v1";
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private IdentitySeal(byte[] sealKey) {
    this.key = new SecretKeySpec(sealKey, "AES");
  }

  /**
   * The seal whose key is derived from {@code identityKey}, the secret {@link IdentityDigester} keys its digests with.
   *
   * @param identityKey at least 32 bytes; never logged
   */
  public static IdentitySeal derivedFrom(byte[] identityKey) {
    if (identityKey.length < 32) {
      throw new IllegalArgumentException("the identity key needs at least 32 bytes");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(identityKey, "HmacSHA256"));
      return new IdentitySeal(mac.doFinal(DERIVATION_LABEL.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Seals {@code identity} for {@code subject}: it opens only under this key and for that subject. */
  public byte[] seal(SubscriberIdentity identity, UUID subject) {
    byte[] name = identity.name().getBytes(StandardCharsets.UTF_8);
    byte[] idNumber = identity.idNumber().getBytes(StandardCharsets.UTF_8);
    byte[] plain = ByteBuffer.allocate(2 + name.length + idNumber.length)
        .putShort((short) name.length).put(name).put(idNumber).array();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, subject);
      ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(plain.length));
      sealed.put(VERSION).put(nonce);
      cipher.doFinal(ByteBuffer.wrap(plain), sealed);
      return sealed.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * The identity {@code sealed} holds, or empty when it does not open: it was changed, sealed under another key or
   * for another subject, or is not a seal at all.
   */
  public Optional<SubscriberIdentity> open(byte[] sealed, UUID subject) {
    if (sealed.length <= OVERHEAD + 2 || sealed[0] != VERSION) {
      return Optional.empty();
    }
    byte[] plain;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), subject)
          .doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(plain);
    int nameLength = Short.toUnsignedInt(buffer.getShort());
    if (nameLength > buffer.remaining()) {
      return Optional.empty();
    }
    try {
      String name = text(buffer.slice(buffer.position(), nameLength));
      String idNumber = text(buffer.position(buffer.position() + nameLength).slice());
      return Optional.of(new SubscriberIdentity(name, idNumber));
    } catch (CharacterCodingException | IllegalArgumentException e) {
      return Optional.empty(); // authentic, yet not an identity: sealed by something else under this key
    }
  }

  private Cipher cipher(int mode, byte[] nonce, UUID subject) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(ByteBuffer.allocate(17).put(VERSION).putLong(subject.getMostSignificantBits())
        .putLong(subject.getLeastSignificantBits()).array());
    return cipher;
  }

  private static String text(ByteBuffer bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
  }
}
