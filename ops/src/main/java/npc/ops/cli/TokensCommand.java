package npc.ops.cli;

import io.micronaut.core.type.Argument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import npc.ops.security.ApiToken;
import npc.ops.security.IssuedToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code npc tokens}: the HTTP API's bearer tokens, managed through the running service (an operator's token).
 * Exit codes: 0 done; 1 the service refused (invalid input, unknown id); 2 bad options; 3 the service cannot be
 * reached or failed; 4 no usable token (missing file, 401, 403).
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "The HTTP API's bearer tokens (an operator's): create, list, revoke.",
    footer = {"", ApiCommand.EXIT_CODES},
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class,
        HelpCommand.class})
public final class TokensCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token. Prints its id, role "
      + "and carrier, then the token itself on the last line: it is shown this once only.")
  static final class Create extends ApiCommand {
    @Option(names = "--role", required = true, paramLabel = "R", description = "OPERATOR, REGULATOR, CARRIER or METRICS (a scraper of /prometheus)")
    String role;

    @Option(names = "--carrier", paramLabel = "C", description = "The carrier a CARRIER token is bound to, e.g. CM")
    String carrier;

    @Option(names = "--label", paramLabel = "TEXT", description = "What or whom the token is for")
    String label;

    @Override
    void run(ApiClient client) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("role", role.toUpperCase(java.util.Locale.ROOT));
      body.put("carrier", carrier);
      body.put("label", label);
      IssuedToken issued = client.call("POST", "/api/v1/tokens", body, Argument.of(IssuedToken.class));
      ApiToken t = issued.token();
      spec.commandLine().getOut().println("created token " + t.id() + " role=" + t.role()
          + (t.carrier() == null ? "" : " carrier=" + t.carrier()));
      spec.commandLine().getOut().println(issued.secret());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List every token (revoked ones too), never their secrets.")
  static final class ListTokens extends ApiCommand {
    @Override
    void run(ApiClient client) {
      List<ApiToken> tokens = client.call("GET", "/api/v1/tokens", null, Argument.listOf(ApiToken.class));
      var out = spec.commandLine().getOut();
      out.printf("%-12s  %-9s  %-7s  %-24s  %-24s  %s%n", "ID", "ROLE", "CARRIER", "CREATED", "REVOKED", "LABEL");
      for (ApiToken t : tokens) {
        out.printf("%-12s  %-9s  %-7s  %-24s  %-24s  %s%n", t.id(), t.role(), t.carrier() == null ? "-"
            : t.carrier(), t.createdAt(), t.revokedAt() == null ? "-" : t.revokedAt(), t.label());
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a token: from now on it authenticates no request.")
  static final class Revoke extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id, as 'npc tokens list' shows it")
    String id;

    @Override
    void run(ApiClient client) {
      ApiToken t = client.call("DELETE", "/api/v1/tokens/" + id, null, Argument.of(ApiToken.class));
      spec.commandLine().getOut().println("revoked token " + t.id() + " at " + t.revokedAt());
    }
  }
}
