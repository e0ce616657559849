package npc.audit.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import npc.audit.record.Bytes32;
import npc.audit.record.Sha256;
import npc.core.identity.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key this instance signs with, and the file it comes from ({@link AuditKeyFile}). A rotation installs a new key
 * ({@link #install}): the file's key is kept beside it as its retired file, named by its key id, and the new seed
 * replaces it with an atomic move, so the file always holds one whole key. Every instance re-reads the file
 * ({@link #reload}, on its checkpoint tick) and signs with the key it finds there from then on, so instances that
 * share the file follow the one that rotated. Thread-safe; {@link #get} never waits.
 */
public final class AuditKeys implements Supplier<AuditSigner> {
  private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);

  private final Path file;
  private volatile AuditSigner current;
  /** SHA-256 of the file's bytes as last read, so that an unchanged file costs no key derivation. */
  private Bytes32 lastRead;

  private AuditKeys(Path file, AuditSigner current) {
    this.file = file;
    this.current = current;
  }

  /** The key in {@code file}, created first if the file does not exist ({@link AuditKeyFile#load}). */
  public static AuditKeys load(Path file) {
    return new AuditKeys(file, AuditKeyFile.load(file));
  }

  /** The key to sign with now. */
  @Override
  public AuditSigner get() {
    return current;
  }

  public Path file() {
    return file;
  }

  /**
   * Re-reads the key file and, when it holds another key than the one in use, signs with that one from now on.
   *
   * @return whether the key in use changed
   * @throws UncheckedIOException or {@link IllegalStateException} when the file cannot be read or is not a key; the
   *     key in use stays
   */
  public synchronized boolean reload() {
    byte[] seed = AuditKeyFile.read(file);
    Bytes32 digest = Sha256.of(seed);
    if (digest.equals(lastRead)) {
      Arrays.fill(seed, (byte) 0);
      return false;
    }
    AuditSigner found = AuditKeyFile.signer(seed);
    lastRead = digest;
    if (found.publicKey().equals(current.publicKey())) {
      return false;
    }
    LOG.info("The audit signing key file {} now holds key {} (this instance signed with {}): signing with it from "
        + "now on", file, found.keyId().hex(), current.keyId().hex());
    current = found;
    return true;
  }

  /**
   * Writes a new random key to a new owner-only file beside the key file, forced to the disk: the first step of a
   * rotation, taken before anything is recorded, so that a disk that refuses it changes nothing.
   *
   * @return the staged file and the signer of its key
   * @throws FileChanged when the file holds another key than the one in use; nothing is written
   */
  public Staged stage() throws IOException {
    Arrays.fill(requireFileHolds(current), (byte) 0);
    byte[] seed = new byte[AuditKeyFile.SEED_BYTES];
    SecureRandom random = new SecureRandom();
    random.nextBytes(seed);
    byte[] suffix = new byte[6];
    random.nextBytes(suffix);
    Path staged = file.resolveSibling(file.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".new");
    try {
      SecretFiles.writeNew(staged, seed);
      return new Staged(staged, AuditSigner.fromSeed(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** A key written beside the key file, not yet in use. */
  public record Staged(Path file, AuditSigner signer) {
    /** Removes the staged file: the rotation did not happen. */
    public void discard() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Cannot remove the staged audit key {}; remove it by hand: {}", file, e.toString());
      }
    }
  }

  /**
   * Makes {@code staged} the key of the file and of this instance: the file, which must still hold {@code old}, is
   * kept as its retired file (owner-only), the staged file moved over it atomically, and from then on this instance
   * signs with the new key.
   *
   * @throws FileChanged when the file holds another key than {@code old}; nothing is changed
   */
  public synchronized void install(Staged staged, AuditSigner old) throws IOException {
    byte[] seed = requireFileHolds(old);
    try {
      Path retired = AuditKeyFile.retiredFile(file, old.keyId());
      if (!Files.exists(retired)) {
        SecretFiles.writeNew(retired, seed);
      }
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    Files.move(staged.file(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory();
    lastRead = null;
    current = staged.signer();
    LOG.info("The audit signing key is now {} (in {}); the key {} is kept in {}", staged.signer().keyId().hex(), file,
        old.keyId().hex(), AuditKeyFile.retiredFile(file, old.keyId()));
  }

  /** The file's seed, when it holds {@code key}'s; a caller wipes it. */
  private byte[] requireFileHolds(AuditSigner key) {
    byte[] seed = AuditKeyFile.read(file);
    AuditSigner found = AuditKeyFile.signer(seed.clone());
    if (!found.publicKey().equals(key.publicKey())) {
      Arrays.fill(seed, (byte) 0);
      throw new FileChanged("the audit signing key file " + file + " holds key " + found.keyId().hex()
          + ", not the key this instance signs with (" + key.keyId().hex() + "): another instance rotated it. "
          + "This instance signs with the file's key within a second; try again then");
    }
    return seed;
  }

  /** Makes the move durable where the file system allows a directory to be forced (it does on Linux). */
  private void forceDirectory() {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot force the directory {}: {}", dir, e.toString());
    }
  }

  /** The key file holds another key than the one expected: another instance rotated it. */
  public static final class FileChanged extends IllegalStateException {
    FileChanged(String detail) {
      super(detail);
    }
  }
}
