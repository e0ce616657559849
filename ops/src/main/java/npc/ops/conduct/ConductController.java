package npc.ops.conduct;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/** The regulator confirms findings; the bad-conduct list they make, as JSON and as a printable page. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConductController {
  private final BadConduct conduct;
  private final Clock clock = Clock.systemUTC();

  ConductController(BadConduct conduct) {
    this.conduct = conduct;
  }

  @Operation(summary = "Confirm a detector's finding (its id from GET /api/v1/findings), once: it puts its carrier "
      + "and the channels of its ports on the bad-conduct list")
  @Post("/findings/{id}/confirmation")
  @Secured("REGULATOR")
  HttpResponse<BadConductView.Confirmed> confirm(@PathVariable String id, @Body @Valid ConfirmationRequest request,
      Authentication authentication) {
    try {
      Confirmation c = conduct.confirm(id, request.note() == null ? "" : request.note(),
          Caller.of(authentication).actor());
      return HttpResponse.<BadConductView.Confirmed>status(HttpStatus.CREATED)
          .body(new BadConductView.Confirmed(c.view(), c.note(), c.at(), c.by(), "/api/v1/bad-conduct"));
    } catch (BadConduct.Refused e) {
      throw e.notFound ? ApiException.notFound("finding " + id) : ApiException.conflict(e.getMessage());
    }
  }

  @Operation(summary = "The bad-conduct list (不良名单): carriers and their channels with confirmed findings")
  @Get("/bad-conduct")
  @Secured({"REGULATOR", "OPERATOR"})
  List<BadConductView> list() {
    return conduct.list().stream().map(BadConductView::of).toList();
  }

  @Operation(summary = "The bad-conduct list as a printable HTML page, with each finding's evidence")
  @Get("/bad-conduct.html")
  @Produces(MediaType.TEXT_HTML)
  @Secured({"REGULATOR", "OPERATOR"})
  String page() {
    return BadConductPage.render(conduct.list(), clock.instant());
  }
}
