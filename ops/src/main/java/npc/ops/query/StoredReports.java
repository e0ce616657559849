package npc.ops.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.audit.detect.FindingsJson;
import npc.audit.findings.FindingStore;
import npc.audit.findings.KeptFinding;
import npc.audit.report.CarrierReport;
import npc.audit.report.CompensationRate;
import npc.audit.report.DailyFigures;
import npc.audit.report.DailyStore;
import npc.audit.report.FiguresRound;
import npc.audit.report.ReportBuilder;

/**
 * A carrier's report over a period from the kept daily figures ({@code audit/README.md}, "Daily figures"): the
 * period widened to whole UTC days, one read per day, whatever the number of entries; its findings, insufficient data
 * and signals are what the findings rounds kept whose window meets the period. The figures are first brought up to
 * what the record holds ({@link FiguresRound#run}: only what was appended since the last round is read), so a report
 * counts every entry stored before its request.
 */
final class StoredReports {
  private final FiguresRound figures;
  private final DailyStore days;
  private final FindingStore findings;
  private final String regime;

  StoredReports(FiguresRound figures, DailyStore days, FindingStore findings, String regime) {
    this.figures = figures;
    this.days = days;
    this.findings = findings;
    this.regime = regime;
  }

  CarrierReport report(String carrier, Instant from, Instant to) {
    figures.run();
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate end = LocalDate.ofInstant(to, ZoneOffset.UTC);
    if (!end.atStartOfDay(ZoneOffset.UTC).toInstant().equals(to)) {
      end = end.plusDays(1);
    }
    List<LocalDate> period = first.datesUntil(end).toList();
    DailyFigures total = new DailyFigures();
    days.read(carrier, period).forEach(total::add);
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant stop = end.atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> kept = new ArrayList<>();
    for (KeptFinding k : findings.find(carrier, Optional.empty(), start, stop)) {
      kept.add(k.line());
    }
    return ReportBuilder.fromFigures(carrier, start, stop, total, FindingsJson.read(kept),
        CompensationRate.forRegime(regime));
  }
}
