package npc.audit.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import npc.audit.record.Bytes32;
import npc.audit.record.Sha256;
import npc.audit.record.Signature64;

/**
 * An Ed25519 public key that checks the record's signatures. Known by its 32 raw bytes (RFC 8032), its key id
 * (SHA-256 of those bytes) and its PEM form (X.509 SubjectPublicKeyInfo), which is what {@code ./npc audit verify
 * --key} reads.
 */
public final class AuditPublicKey {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  private final byte[] raw;
  private final PublicKey key;
  private final Bytes32 id;

  private AuditPublicKey(byte[] raw) {
    this.raw = raw.clone();
    try {
      this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509(raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
    this.id = Sha256.of(raw);
  }

  /** From the 32 raw bytes of RFC 8032. */
  public static AuditPublicKey ofRaw(byte[] raw) {
    if (raw == null || raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    return new AuditPublicKey(raw);
  }

  static AuditPublicKey of(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der.length != X509_PREFIX.length + 32
        || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return new AuditPublicKey(Arrays.copyOfRange(der, X509_PREFIX.length, der.length));
  }

  /**
   * From PEM text ({@code -----BEGIN PUBLIC KEY-----}), or from 64 hex digits of the raw key.
   *
   * @throws IllegalArgumentException naming what is wrong, for anything else
   */
  public static AuditPublicKey parse(String text) {
    String trimmed = text.strip();
    if (trimmed.matches("[0-9a-fA-F]{64}")) {
      return ofRaw(HexFormat.of().parseHex(trimmed));
    }
    int begin = trimmed.indexOf(PEM_BEGIN);
    int end = trimmed.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("a public key is PEM (" + PEM_BEGIN + ") or 64 hex digits");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(trimmed.substring(begin + PEM_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM public key is not base64: " + e.getMessage(), e);
    }
    if (der.length != X509_PREFIX.length + 32
        || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("the PEM public key is not an Ed25519 key");
    }
    return ofRaw(Arrays.copyOfRange(der, X509_PREFIX.length, der.length));
  }

  public byte[] raw() {
    return raw.clone();
  }

  public Bytes32 id() {
    return id;
  }

  public String pem() {
    return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(x509(raw)) + "\n" + PEM_END + "\n";
  }

  /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
  public boolean verifies(byte[] message, Signature64 signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature.bytes());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] x509(byte[] raw) {
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
    return der;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditPublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519 key " + id.hex().substring(0, 16);
  }
}
