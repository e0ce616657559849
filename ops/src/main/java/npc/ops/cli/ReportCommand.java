package npc.ops.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import npc.ops.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc report}: one carrier's report over a period from the running service ({@code GET
 * /api/v1/reports/{carrier}}), printed as the service gives it: JSON, CSV or a printable HTML page. With the
 * development regulator token unless {@code --token} names another.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints a carrier's report over a period from the running service: outcomes, rejection reasons, "
        + "answer times, deadline breaches, success rate, findings, compensation owed.",
    footer = {"", ApiCommand.EXIT_CODES})
public final class ReportCommand extends ApiCommand {
  @Option(names = "--carrier", required = true, paramLabel = "C", description = "The carrier reported on, e.g. CM.")
  String carrier;

  @Option(names = "--from", required = true, paramLabel = "D", description = "The period's start (ISO-8601, UTC).")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "D", description = "The period's end, exclusive.")
  Instant to;

  @Option(names = "--format", paramLabel = "json|csv|html", description = "json (default), csv or html.")
  Format format = Format.json;

  enum Format {
    json("application/json"), csv("text/csv"), html("text/html");

    final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  @Override
  void run(ApiClient client) {
    String path = "/api/v1/reports/" + URLEncoder.encode(carrier, StandardCharsets.UTF_8) + "?from=" + from + "&to="
        + to + "&format=" + format;
    String report = client.text(path, format.mediaType);
    spec.commandLine().getOut().print(report.endsWith("\n") ? report : report + "\n");
    spec.commandLine().getOut().flush();
  }

  @Override
  Role tokenRole() {
    return Role.REGULATOR;
  }
}
