package npc.ops.api;

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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.ops.complaint.Complaint;
import npc.ops.complaint.Complaints;
import npc.ops.security.Caller;

/**
 * Subscribers' complaints, recorded and decided by the regulator. Each is an entry of the audit record (an upheld
 * one counts under {@code UPHELD_COMPLAINT} against the carrier complained about); a complaint names its port and a
 * port lists its complaints.
 */
@Controller("/api/v1/complaints")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("REGULATOR")
class ComplaintsController {
  private static final String DEFAULT_ABOUT = "PORT_REJECTED_BY_DONOR";

  private final Complaints complaints;

  ComplaintsController(Complaints complaints) {
    this.complaints = complaints;
  }

  @Operation(summary = "Record a subscriber's complaint against a carrier about a port")
  @Post
  HttpResponse<ComplaintView> record(@Body @Valid ComplaintRequest request, Authentication authentication) {
    try {
      Complaint complaint = complaints.record(UUID.fromString(request.port()), new CarrierId(request.against()),
          request.about() == null ? DEFAULT_ABOUT : request.about(), Optional.ofNullable(request.reason()),
          request.note() == null ? "" : request.note(), Caller.of(authentication).tokenId());
      return HttpResponse.<ComplaintView>status(HttpStatus.CREATED).body(ComplaintView.of(complaint));
    } catch (Complaints.Refused e) {
      throw refusal(e);
    }
  }

  @Operation(summary = "Record the regulator's decision on a complaint: UPHELD or DISMISSED, once")
  @Post("/{id}/decision")
  ComplaintView decide(@PathVariable UUID id, @Body @Valid DecisionRequest request, Authentication authentication) {
    try {
      return ComplaintView.of(complaints.decide(id, request.outcome(), request.note() == null ? "" : request.note(),
          Caller.of(authentication).tokenId()));
    } catch (Complaints.Refused e) {
      throw refusal(e);
    }
  }

  @Operation(summary = "One complaint, with its decision once made")
  @Get("/{id}")
  ComplaintView complaint(@PathVariable UUID id) {
    return complaints.find(id).map(ComplaintView::of).orElseThrow(() -> ApiException.notFound("complaint " + id));
  }

  @Operation(summary = "The complaints about one port")
  @Get
  List<ComplaintView> ofPort(@QueryValue UUID port) {
    return complaints.ofPort(port).stream().map(ComplaintView::of).toList();
  }

  private static ApiException refusal(Complaints.Refused e) {
    if (e.notFound) {
      return ApiException.notFound(e.getMessage());
    }
    return e.field == null ? ApiException.conflict(e.getMessage()) : ApiException.invalid(e.field, e.getMessage());
  }
}
