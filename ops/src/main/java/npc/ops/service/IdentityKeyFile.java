package npc.ops.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SecretFiles;
import npc.ops.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that holds the secret subscriber identities are digested under: every byte of it is the HMAC key. A
 * first start creates it with 32 random bytes, readable by its owner only, so that a laptop needs no setup; later
 * starts must find the same key, or the digests stored before would no longer match the subscribers they stand
 * for. That is why a key too short is refused rather than replaced.
 */
final class IdentityKeyFile {
  static final int MIN_BYTES = 32;
  private static final Logger LOG = LoggerFactory.getLogger(IdentityKeyFile.class);

  private IdentityKeyFile() {}

  /** The digester under the key in {@code file}, which is created first if it does not exist. */
  static IdentityDigester load(Path file) {
    byte[] key = Files.exists(file) ? read(file) : create(file);
    try {
      return new IdentityDigester(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] read(Path file) {
    byte[] key;
    try {
      key = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StartupException("cannot read the identity key file " + file + ": " + e.getMessage(), e);
    }
    if (key.length < MIN_BYTES) {
      throw new StartupException("the identity key file " + file + " holds " + key.length + " bytes; the key needs "
          + MIN_BYTES + " at least. Put the clearinghouse's key there, or name another file with "
          + "npc.identity.key-file");
    }
    return key;
  }

  private static byte[] create(Path file) {
    byte[] key;
    try {
      // CREATE_NEW: two instances starting together on one home must not each write a different key.
      Optional<byte[]> created = SecretFiles.createRandom(file, MIN_BYTES);
      if (created.isEmpty()) {
        return read(file);
      }
      key = created.get();
    } catch (IOException e) {
      throw new StartupException("cannot create the identity key file " + file + ": " + e.getMessage(), e);
    }
    LOG.info("Created the identity key {} (32 random bytes, owner-only). Keep it and back it up: subscriber "
        + "identities stored from now on can be matched only under this key", file);
    return key;
  }
}
