package npc.ops.spotcheck;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import npc.ops.api.ApiException;
import npc.ops.api.Instants;
import npc.ops.security.Caller;

/** Random spot checks (双随机): drawn by the regulator, each draw in the audit record, every draw listed. */
@Controller("/api/v1/spot-checks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("REGULATOR")
class SpotCheckController {
  private final SpotChecks spotChecks;

  SpotCheckController(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Operation(summary = "Draw a reproducible random sample of a carrier's ports for a period (seed in the record)")
  @Post
  HttpResponse<SpotCheckView> draw(@Body @Valid SpotCheckRequest request, Authentication authentication) {
    try {
      SpotCheck drawn = spotChecks.draw(request.carrier(), Instants.parse("from", request.from()),
          Instants.parse("to", request.to()), request.size(), Caller.of(authentication).actor());
      return HttpResponse.<SpotCheckView>status(HttpStatus.CREATED).body(SpotCheckView.of(drawn));
    } catch (SpotChecks.Invalid e) {
      throw ApiException.invalid(e.field, e.getMessage());
    }
  }

  @Operation(summary = "One spot check: its parameters, seed and sample")
  @Get("/{id}")
  SpotCheckView spotCheck(@PathVariable UUID id) {
    return spotChecks.find(id).map(SpotCheckView::of).orElseThrow(() -> ApiException.notFound("spot check " + id));
  }

  @Operation(summary = "Every draw of a carrier whose period overlaps [from, to) (default: all), oldest first")
  @Get
  List<SpotCheckView> ofCarrier(@QueryValue String carrier, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    Instant start = from == null ? Instant.EPOCH : Instants.parse("from", from);
    Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : Instants.parse("to", to);
    return spotChecks.ofCarrier(carrier, start, end).stream().map(SpotCheckView::of).toList();
  }
}
