package npc.audit.sign;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalEncoding;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.ExportEnd;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.record.Signature64;

/**
 * Signs the record's checkpoints and export statements with Ed25519 (the JDK's; RFC 8032 signatures are
 * deterministic, so one key and one message always give one signature, which makes the worked example of
 * {@code format.md} reproducible). Made from the 32-byte seed RFC 8032 calls the private key. Thread-safe.
 */
public final class AuditSigner {
  private final PrivateKey privateKey;
  private final AuditPublicKey publicKey;

  private AuditSigner(KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.publicKey = AuditPublicKey.of(pair.getPublic());
  }

  /** The key pair of the 32-byte seed. */
  public static AuditSigner fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      // The JDK's generator takes the seed as the 32 bytes it draws; a source that yields exactly the seed makes
      // the pair the seed's (RFC 8032 5.1.5). fromSeed checks that the pair signs and verifies.
      generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
      AuditSigner signer = new AuditSigner(generator.generateKeyPair());
      byte[] probe = "npc audit key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      if (!signer.publicKey.verifies(probe, signer.sign(probe))) {
        throw new IllegalStateException("the Ed25519 key made from the seed does not verify its own signature");
      }
      return signer;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK 15 or later", e);
    }
  }

  public AuditPublicKey publicKey() {
    return publicKey;
  }

  public Bytes32 keyId() {
    return publicKey.id();
  }

  public Checkpoint checkpoint(ChainHead head, Instant at) {
    return new Checkpoint(head, at, keyId(), sign(CanonicalEncoding.checkpoint(head, at, keyId())));
  }

  public HeadsCheckpoint heads(Instant at, String madeBy, List<ChainHead> heads) {
    return new HeadsCheckpoint(at, madeBy, heads, keyId(),
        sign(CanonicalEncoding.heads(at, madeBy, heads, keyId())));
  }

  public ExportEnd exportEnd(Instant from, Instant to, Instant exportedAt, List<ExportEnd.Extent> chains) {
    return new ExportEnd(from, to, exportedAt, chains, keyId(),
        sign(CanonicalEncoding.exportEnd(from, to, exportedAt, chains, keyId())));
  }

  Signature64 sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(message);
      return Signature64.of(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519: " + e.getMessage(), e);
    }
  }

  /** Hands out the seed once, as the generator's only random draw. */
  private static final class SeedSource extends SecureRandom {
    private final byte[] seed;
    private boolean used;

    SeedSource(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 generator drew other than one 32-byte seed");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      used = true;
    }
  }
}
