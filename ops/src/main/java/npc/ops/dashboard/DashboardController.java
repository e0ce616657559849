package npc.ops.dashboard;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The dashboard's figures as JSON, for the regulators' page ({@code /dashboard/index.html}) and anyone who wants
 * the same numbers without Prometheus. Reads the service's metrics only: cheap enough to poll every few seconds.
 */
@Controller("/api/v1/dashboard")
@Secured({"REGULATOR", "OPERATOR"})
class DashboardController {
  private final SummaryReader reader;

  DashboardController(SummaryReader reader) {
    this.reader = reader;
  }

  @Operation(summary = "Live counters, each carrier's ports, success rate, answer times, deemed acceptances and "
      + "rejections by reason, and rejections per minute over the last hour, as this instance counted them")
  @Get("/summary")
  DashboardSummary summary() {
    return reader.read();
  }
}
