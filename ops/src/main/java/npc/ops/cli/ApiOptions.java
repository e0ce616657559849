package npc.ops.cli;

import java.net.URI;
import java.nio.file.Path;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;
import picocli.CommandLine.Option;

/** Where the running service is and which token to call it with: the options of every command that uses the API. */
final class ApiOptions {
  @Option(names = "--http", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The running service's HTTP address (default: ${DEFAULT-VALUE}).")
  URI http;

  @Option(names = "--token", paramLabel = "FILE",
      description = "A file holding the bearer token (default: the development token of the command's role, "
          + "~/.npc/tokens/operator.token, or regulator.token for report).")
  Path token;

  /** {@code --token}, or the development token of {@code role}. */
  Path tokenFile(Role role) {
    return token != null ? token
        : DevelopmentTokens.file(Path.of(System.getProperty("user.home"), ".npc", "tokens"), role);
  }
}
