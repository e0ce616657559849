package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.Locale;
import npc.audit.report.CarrierReport;
import npc.audit.report.ReportFormats;
import npc.audit.findings.FindingStore;
import npc.audit.report.FiguresRound;
import npc.audit.store.CassandraDailyStore;
import npc.core.regime.Regime;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/**
 * One carrier's report over a period as JSON, CSV or a printable HTML page: the audit's own report
 * ({@code npc.audit.report}) over the stored record, so it says what {@code ./npc audit report} says over an export
 * of the same period. {@code ./npc report} calls it.
 */
@Controller("/api/v1/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("REGULATOR")
class ReportsController {
  static final MediaType CSV = MediaType.of("text/csv");

  private final StoredReports reports;
  private final Regime regime;
  private final Clock clock = Clock.systemUTC();

  ReportsController(FiguresRound figures, CassandraDailyStore days, FindingStore findings, Regime regime) {
    this.reports = new StoredReports(figures, days, findings, regime.id());
    this.regime = regime;
  }

  @Operation(summary = "A carrier's report over a period: outcomes, reasons, answer times, deadlines, findings, "
      + "compensation; format=json (default), csv or html")
  @Get(uri = "/{carrier}", produces = {MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML})
  HttpResponse<String> report(@PathVariable String carrier, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to, @Nullable @QueryValue String format, Authentication authentication) {
    String id = QueryInput.carrier(regime, Caller.of(authentication), "carrier", carrier).value();
    String kind = format == null ? "json" : format.toLowerCase(Locale.ROOT);
    if (!kind.equals("json") && !kind.equals("csv") && !kind.equals("html")) {
      throw ApiException.invalid("format", "must be json, csv or html, not " + format);
    }
    QueryInput.Period period = QueryInput.period(from, to, clock.instant());
    CarrierReport report = reports.report(id, period.from(), period.to());
    return switch (kind) {
      case "csv" -> HttpResponse.ok(ReportFormats.csv(report)).contentType(CSV);
      case "html" -> HttpResponse.ok(ReportFormats.html(report)).contentType(MediaType.TEXT_HTML_TYPE);
      default -> HttpResponse.ok(ReportFormats.json(report)).contentType(MediaType.APPLICATION_JSON_TYPE);
    };
  }
}
