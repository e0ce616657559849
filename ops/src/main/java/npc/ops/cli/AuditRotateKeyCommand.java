package npc.ops.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.annotation.Serdeable;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc audit rotate-key}: rotates the record's signing key through the running service (an operator's token,
 * {@code POST /api/v1/audit/key/rotation}), and prints where the {@code KEY_ROTATED} entry is and the new public key
 * (PEM), which the regulator needs to verify exports of periods after the rotation.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
    description = {"Rotates the audit signing key on the running service (an operator's): a KEY_ROTATED entry, "
        + "covered by a checkpoint of the old key, then the new key signs. The old key file is kept beside the new "
        + "one as <key file>.<old key id>.retired.",
        "Prints the rotation, then the new public key (PEM)."},
    footer = {"", ApiCommand.EXIT_CODES + " A rotation already running is 1 (409)."})
final class AuditRotateKeyCommand extends ApiCommand {
  @Option(names = "--reason", required = true, paramLabel = "TEXT",
      description = "Why (routine, a suspected leak): kept in the KEY_ROTATED entry, 1 to 200 characters.")
  String reason;

  /** The service's answer. */
  @Serdeable
  record Rotation(String oldKeyId, String newKeyId, String publicKey, String chain, long position, long checkpoint,
      String rotatedAt) {}

  @Override
  void run(ApiClient client) {
    Rotation r = client.call("POST", "/api/v1/audit/key/rotation", Map.of("reason", reason),
        Argument.of(Rotation.class));
    PrintWriter out = spec.commandLine().getOut();
    out.println("audit rotate-key: " + r.oldKeyId() + " -> " + r.newKeyId() + ", KEY_ROTATED at " + r.chain() + "#"
        + r.position() + " (" + r.rotatedAt() + "), covered by the old key's checkpoint at " + r.checkpoint());
    out.print(r.publicKey());
    out.flush();
  }
}
