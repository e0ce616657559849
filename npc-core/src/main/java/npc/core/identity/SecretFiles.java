package npc.core.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * Files that hold a secret the clearinghouse makes on its first start (the identity key, the audit signing key):
 * random bytes, written owner-only where the file system has POSIX permissions, with {@code CREATE_NEW}, so that two
 * instances starting together on one home keep one secret instead of each writing its own.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /**
   * Creates {@code file} (and its directories) holding {@code length} random bytes and returns them, or returns
   * empty when the file exists already: another instance made it first, and the caller reads that one.
   */
  public static Optional<byte[]> createRandom(Path file, int length) throws IOException {
    byte[] secret = new byte[length];
    new SecureRandom().nextBytes(secret);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (SeekableByteChannel out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), ownerOnly(file))) {
      out.write(ByteBuffer.wrap(secret));
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    }
    return Optional.of(secret);
  }

  /**
   * Writes {@code secret} to {@code file}, which must not exist, owner-only, and forces it to the disk before
   * returning: a key about to replace another is whole on disk before anything relies on it.
   *
   * @throws FileAlreadyExistsException when the file exists (it is left as it was)
   */
  public static void writeNew(Path file, byte[] secret) throws IOException {
    try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), ownerOnly(file))) {
      out.write(ByteBuffer.wrap(secret));
      out.force(true);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
  }
}
