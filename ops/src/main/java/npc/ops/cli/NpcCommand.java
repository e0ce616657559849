package npc.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code npc}: the clearinghouse's command line. Without a command it prints the list of commands. */
@Command(
    name = "npc",
    mixinStandardHelpOptions = true,
    versionProvider = NpcCommand.Version.class,
    description = "npc, the number portability clearinghouse.",
    subcommands = {StartCommand.class, ClusterCommand.class, AuditCommand.class, TokensCommand.class,
        CarriersCommand.class, ReportCommand.class, HelpCommand.class})
public final class NpcCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Whether the command that ran leaves a service running (so the JVM must not exit). */
  public boolean keepsRunning() {
    return spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().subcommand() != null
        && spec.commandLine().getParseResult().subcommand().commandSpec().userObject() instanceof StartCommand start
        && start.isRunning();
  }

  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = NpcCommand.class.getPackage().getImplementationVersion();
      return new String[] {"npc " + (version == null ? "(development build)" : version)};
    }
  }
}
