package npc.ops.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import npc.audit.export.AuditFormatException;
import npc.audit.export.AuditVerifier;
import npc.audit.export.VerifyResult;
import npc.audit.sign.AuditPublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code npc audit}: the record's commands. {@code verify} needs no database and no running service: it is what a
 * regulator runs on an export. (The export itself, which reads the database, is to come.)
 */
@Command(name = "audit", description = "The tamper-evident audit record.",
    subcommands = {AuditCommand.Verify.class, HelpCommand.class})
public final class AuditCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Exit 0 when the export verifies, 1 when it does not, 2 when it cannot be read as an export or the key as a key. */
  @Command(name = "verify", description = "Verifies an export offline: every hash, link and signature, and that it "
      + "holds what its signed end says. Prints 'audit verify: OK ...' or 'audit verify: FAILED chain=X "
      + "position=P: <kind>'.")
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the export (JSON Lines)")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "PUBKEY",
        description = "the clearinghouse's audit public key: a PEM file, or 64 hex digits")
    String key;

    @Override
    public Integer call() {
      AuditPublicKey publicKey;
      try {
        publicKey = AuditPublicKey.parse(Files.exists(Path.of(key))
            ? Files.readString(Path.of(key), StandardCharsets.UTF_8) : key);
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("audit verify: cannot read the key " + key + ": " + e.getMessage());
        return 2;
      }
      try {
        VerifyResult result = AuditVerifier.verify(file, publicKey);
        System.out.println(result.message());
        return result.ok() ? 0 : 1;
      } catch (AuditFormatException e) {
        System.err.println("audit verify: " + file + " is not an npc audit export: " + e.getMessage());
        return 2;
      } catch (UncheckedIOException e) {
        System.err.println("audit verify: " + e.getMessage());
        return 2;
      }
    }
  }
}
