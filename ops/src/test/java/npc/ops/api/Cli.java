package npc.ops.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import npc.ops.cli.NpcCommand;
import npc.ops.security.DevelopmentTokens;
import npc.ops.security.Role;
import picocli.CommandLine;

/** Runs {@code npc} in this JVM, as the launcher would, capturing what it prints and its exit code. */
final class Cli {
  private Cli() {}

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new NpcCommand());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code args} against {@code service} with its development operator token. */
  static Run asOperator(RunningService service, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--http";
    all[args.length + 1] = service.base.toString();
    all[args.length + 2] = "--token";
    all[args.length + 3] = DevelopmentTokens.file(service.tokensDir, Role.OPERATOR).toString();
    return run(all);
  }
}
