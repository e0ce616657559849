package npc.ops;

import npc.ops.cli.NpcCommand;
import picocli.CommandLine;

/** Entry point of the {@code npc} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    NpcCommand command = new NpcCommand();
    int code = new CommandLine(command).execute(args);
    // A started service keeps running on its own threads until SIGINT or SIGTERM; every other command ends here.
    if (code != 0 || !command.keepsRunning()) {
      System.exit(code);
    }
  }
}
