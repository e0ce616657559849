package npc.ops.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import npc.audit.sign.AuditKeyFile;
import npc.audit.sign.AuditSigner;
import picocli.CommandLine.Option;

/**
 * The service's audit signing key, as the commands that use it outside the service take it. They read the file the
 * service made and never make one: a key nobody introduced would sign an export no regulator can check.
 */
final class SigningKeyOption {
  static final Path DEFAULT = Path.of(System.getProperty("user.home"), ".npc", "audit-signing.key");

  @Option(names = "--key-file", paramLabel = "FILE", description = "The audit signing key file (npc.audit.key-file; "
      + "default: ~/.npc/audit-signing.key).")
  Path keyFile;

  Path path() {
    return keyFile != null ? keyFile : DEFAULT;
  }

  /** The signer, or empty with the reason printed after {@code command}. */
  Optional<AuditSigner> signer(String command) {
    try {
      return Optional.of(AuditKeyFile.loadExisting(path()));
    } catch (IllegalStateException | UncheckedIOException e) {
      System.err.println(command + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
