package npc.ops.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.report.CompensationRate;
import npc.audit.report.ReportBuilder;
import npc.audit.report.ReportFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npc audit report}: one carrier's report over a period of a verified export, as JSON or CSV
 * ({@code audit/README.md}, "Reports"), with the compensation the regime sets per day of delay, if any. Exit codes as
 * {@code findings}: 0 written, 1 the export does not verify, 2 not an export, not a key, or an empty period.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Verifies an export, then prints one carrier's report over the period (JSON or CSV): outcomes, "
        + "reasons, answer times, deadline breaches, success rate, findings and signals, compensation owed.")
final class AuditReportCommand extends AuditCommand.PeriodOfExport implements Callable<Integer> {
  @Option(names = "--carrier", required = true, paramLabel = "ID", description = "The carrier reported on.")
  String carrier;

  @Option(names = "--format", paramLabel = "json|csv", description = "json (default) or csv.")
  Format format = Format.json;

  @Option(names = "--regime", paramLabel = "ID", description = "The regime whose compensation rate applies "
      + "(default: cn, which sets none).")
  String regime = "cn";

  enum Format { json, csv }

  @Override
  public Integer call() {
    Optional<CompensationRate> rate = CompensationRate.forRegime(regime);
    return withHistory("audit report", history -> {
      var report = new ReportBuilder(history).build(carrier,
          new Detectors(DetectorSettings.defaults()).run(history), rate);
      System.out.print(format == Format.json ? ReportFormats.json(report) + "\n" : ReportFormats.csv(report));
      return 0;
    });
  }
}
