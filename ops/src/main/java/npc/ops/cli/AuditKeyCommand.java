package npc.ops.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import npc.audit.sign.AuditSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code npc audit key}: prints the public key of the record's signing key as PEM, what a regulator passes to
 * {@code npc audit verify --key}. Exit 0, or 2 when there is no key file or it is not a key.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Prints the audit signing key's public key (PEM), for 'npc audit verify --key'.")
final class AuditKeyCommand implements Callable<Integer> {
  @Mixin
  SigningKeyOption key = new SigningKeyOption();

  @Override
  public Integer call() {
    Optional<AuditSigner> signer = key.signer("audit key");
    if (signer.isEmpty()) {
      return 2;
    }
    System.out.print(signer.get().publicKey().pem());
    return 0;
  }
}
