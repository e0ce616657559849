package npc.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code npc cluster}: a local Cassandra cluster for developers, {@code start} and {@code stop}. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "A local Cassandra cluster on 127.0.0.1 to 127.0.0.N: 'cluster start', 'cluster stop'.",
    subcommands = {ClusterStartCommand.class, ClusterStopCommand.class})
public final class ClusterCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
