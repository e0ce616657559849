package npc.audit.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import npc.audit.record.Bytes32;
import npc.core.identity.SecretFiles;

/**
 * The file of the record's signing key: exactly the 32-byte Ed25519 seed. The first start creates it, owner-only,
 * beside the identity key; later starts, and every other instance of the clearinghouse, must use the same file, or
 * their checkpoints would be signed with a key nobody introduced (a change of key is a rotation, itself an entry).
 * So a file of any other length is refused rather than replaced. Created with {@code CREATE_NEW}: two instances
 * starting together on one home keep one key.
 */
public final class AuditKeyFile {
  public static final int SEED_BYTES = 32;

  private AuditKeyFile() {}

  /** The signer of the key in {@code file}, created first if the file does not exist. */
  public static AuditSigner load(Path file) {
    return signer(Files.exists(file) ? read(file) : create(file));
  }

  /**
   * The signer of the key in {@code file}, which must exist: a command that signs what the service recorded (an
   * export) must use the service's key, never make a new one nobody introduced.
   *
   * @throws IllegalStateException when there is no such file or it is not a key
   */
  public static AuditSigner loadExisting(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("there is no audit signing key file " + file + "; the service creates it at "
          + "its first start (npc.audit.key-file)");
    }
    return signer(read(file));
  }

  /**
   * Where a rotation keeps the key {@code file} held before, beside it and named by that key's id, so that the
   * operator can still prove what the old key signed: {@code audit-signing.key.<key id>.retired}.
   */
  public static Path retiredFile(Path file, Bytes32 keyId) {
    return file.resolveSibling(file.getFileName() + "." + keyId.hex() + ".retired");
  }

  /** The signer of {@code seed}, which is wiped once used. */
  static AuditSigner signer(byte[] seed) {
    try {
      return AuditSigner.fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The seed in {@code file}: exactly 32 bytes, or an {@link IllegalStateException} naming the file. */
  static byte[] read(Path file) {
    byte[] seed;
    try {
      seed = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit signing key file " + file + ": " + e.getMessage(), e);
    }
    if (seed.length != SEED_BYTES) {
      throw new IllegalStateException("the audit signing key file " + file + " holds " + seed.length
          + " bytes; an Ed25519 key is exactly " + SEED_BYTES + ". Put the clearinghouse's key there, or name "
          + "another file with npc.audit.key-file");
    }
    return seed;
  }

  private static byte[] create(Path file) {
    try {
      return SecretFiles.createRandom(file, SEED_BYTES).orElseGet(() -> read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit signing key file " + file + ": " + e.getMessage(), e);
    }
  }
}
