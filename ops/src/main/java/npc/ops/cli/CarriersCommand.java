package npc.ops.cli;

import io.micronaut.core.type.Argument;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code npc carriers}: the regime's carriers and their suspension, through the running service (an operator's
 * token). A suspended carrier's gateway sessions close within seconds and its handshakes are refused.
 */
@Command(name = "carriers", mixinStandardHelpOptions = true,
    description = "The carriers (an operator's): list, suspend, resume.", footer = {"", ApiCommand.EXIT_CODES},
    subcommands = {CarriersCommand.ListCarriers.class, CarriersCommand.Suspend.class, CarriersCommand.Resume.class,
        HelpCommand.class})
public final class CarriersCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A carrier as {@code /api/v1/carriers} answers it. */
  @io.micronaut.serde.annotation.Serdeable
  record CarrierLine(String id, String name, String routingNumber, boolean participant, boolean suspended,
      @io.micronaut.core.annotation.Nullable String suspendedSince,
      @io.micronaut.core.annotation.Nullable String suspensionReason) {
    String describe() {
      return String.format("%-6s  %-10s  %-12s  %s", id, suspended ? "SUSPENDED" : "active", routingNumber,
          suspended ? "since " + suspendedSince + (suspensionReason == null || suspensionReason.isEmpty() ? ""
              : ": " + suspensionReason) : name);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the carriers and their state.")
  static final class ListCarriers extends ApiCommand {
    @Override
    void run(ApiClient client) {
      List<CarrierLine> carriers = client.call("GET", "/api/v1/carriers", null, Argument.listOf(CarrierLine.class));
      spec.commandLine().getOut().printf("%-6s  %-10s  %-12s  %s%n", "ID", "STATE", "ROUTING", "NAME");
      carriers.forEach(c -> spec.commandLine().getOut().println(c.describe()));
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend a carrier: its gateway "
      + "sessions close within seconds and its handshakes are refused with CARRIER_SUSPENDED until resumed.")
  static final class Suspend extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, as the carrier will be told")
    String reason;

    @Override
    void run(ApiClient client) {
      Map<String, Object> body = new java.util.HashMap<>();
      body.put("reason", reason);
      CarrierLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/suspend", body,
          Argument.of(CarrierLine.class));
      spec.commandLine().getOut().println("suspended " + line.describe());
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume a suspended carrier: it may connect again.")
  static final class Resume extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CARRIER", description = "The carrier's id, e.g. CM")
    String carrier;

    @Override
    void run(ApiClient client) {
      CarrierLine line = client.call("POST", "/api/v1/carriers/" + carrier + "/resume", null,
          Argument.of(CarrierLine.class));
      spec.commandLine().getOut().println("resumed " + line.describe());
    }
  }
}
