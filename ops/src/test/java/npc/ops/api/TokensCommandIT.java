package npc.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code npc tokens} against the running service over HTTP: what it prints, and its documented exit codes. */
class TokensCommandIT {
  private final RunningService service = RunningService.get();
  private final String operatorFile = DevelopmentTokens.file(service.tokensDir, Role.OPERATOR).toString();

  @TempDir
  Path dir;

  @Test
  void createListAndRevokeATokenThroughTheService() {
    Cli.Run created = npc("tokens", "create", "--role", "carrier", "--carrier", "CT", "--label", "CT's system");
    assertThat(created.code()).as(created.err()).isZero();
    String[] lines = created.out().split("\n");
    assertThat(lines[0]).matches("created token [0-9a-f]{12} role=CARRIER carrier=CT");
    String id = lines[0].substring("created token ".length(), "created token ".length() + 12);
    assertThat(lines[1]).startsWith("npc_" + id + "_");

    Cli.Run list = npc("tokens", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).startsWith("ID ").contains(id + "  CARRIER    CT", "CT's system").doesNotContain(lines[1]);

    Cli.Run revoked = npc("tokens", "revoke", id);
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("revoked token " + id + " at ");
  }

  @Test
  void refusalsAreClearAndExitWithTheirDocumentedCodes() throws IOException {
    Cli.Run badRole = npc("tokens", "create", "--role", "king");
    assertThat(badRole.code()).isEqualTo(1);
    assertThat(badRole.err()).contains("npc tokens create: 400: ", "(field role)");

    Cli.Run unknown = npc("tokens", "revoke", "000000000000");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("404: token 000000000000 does not exist");

    Path regulator = DevelopmentTokens.file(service.tokensDir, Role.REGULATOR);
    Cli.Run forbidden = run("tokens", "list", "--http", service.base.toString(), "--token", regulator.toString());
    assertThat(forbidden.code()).isEqualTo(4);
    assertThat(forbidden.err()).contains("403");

    Cli.Run noFile = run("tokens", "list", "--http", service.base.toString(), "--token", dir.resolve("none").toString());
    assertThat(noFile.code()).isEqualTo(4);
    assertThat(noFile.err()).contains("no token file");

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Cli.Run unreachable = run("tokens", "list", "--http", "http://127.0.0.1:" + closed, "--token", operatorFile);
    assertThat(unreachable.code()).isEqualTo(3);
    assertThat(unreachable.err()).contains("cannot reach the service");

    Cli.Run missingOption = npc("tokens", "create");
    assertThat(missingOption.code()).isEqualTo(2);
    assertThat(missingOption.err()).contains("--role");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"create", "list", "revoke"}) {
      Cli.Run help = run("tokens", sub, "--help");
      assertThat(help.code()).isZero();
      assertThat(help.out()).contains("Usage: npc tokens " + sub, "--http", "--token");
    }
    assertThat(run("tokens", "--help").out()).contains("Exit codes: 0 done");
  }

  private Cli.Run npc(String... args) {
    return Cli.asOperator(service, args);
  }

  private static Cli.Run run(String... args) {
    return Cli.run(args);
  }
}
