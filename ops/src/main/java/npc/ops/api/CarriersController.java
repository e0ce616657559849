package npc.ops.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierSuspensions;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import npc.ops.security.Caller;

/**
 * The regime's carriers with their suspension, and the operator's suspend and resume. A suspension reaches every
 * gateway instance at its next certificate-registry refresh (a few seconds): the carrier's sessions close with
 * CARRIER_SUSPENDED and its Hellos are refused the same way until it is resumed. Each is an audit entry
 * ({@code CARRIER_SUSPENDED}, {@code CARRIER_RESUMED}, naming the operator), durable before the write.
 */
@Controller("/api/v1/carriers")
@ExecuteOn(TaskExecutors.BLOCKING)
class CarriersController {
  private static final String CARRIER = "[A-Z][A-Z0-9]{1,7}";
  private static final String CARRIER_MESSAGE = "must be a carrier id such as CM";

  private final Regime regime;
  private final CarrierSuspensions suspensions;
  private final PortingService service;
  private final Clock clock = Clock.systemUTC();

  CarriersController(Regime regime, CarrierSuspensions suspensions, PortingService service) {
    this.regime = regime;
    this.suspensions = suspensions;
    this.service = service;
  }

  @Operation(summary = "The carriers of the regime, with whether each is suspended")
  @Get
  @Secured({"OPERATOR", "REGULATOR"})
  List<CarrierStatus> list() {
    Map<CarrierId, CarrierSuspensions.Suspension> suspended = suspensions.all();
    return regime.carriers().all().stream().map(c -> CarrierStatus.of(c, suspended.get(c.id()))).toList();
  }

  @Operation(summary = "Suspend a carrier: its gateway sessions close and its handshakes are refused")
  @Post("/{carrier}/suspend")
  @Secured("OPERATOR")
  CarrierStatus suspend(@PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier,
      @Body @Valid SuspendRequest request, Authentication authentication) {
    Carrier known = known(carrier);
    CarrierSuspensions.Suspension current = suspensions.all().get(known.id());
    if (current != null) {
      throw ApiException.conflict("carrier " + carrier + " is already suspended since " + current.since());
    }
    String reason = request.reason() == null ? "" : request.reason();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    service.record(AuditStep.of(UUID.randomUUID(), AuditKind.CARRIER_SUSPENDED, now)
        .withActorName(Caller.of(authentication).actor()).withSubject(carrier).with("carrier", carrier)
        .with("reason", reason));
    suspensions.suspend(new CarrierSuspensions.Suspension(known.id(), now, Caller.of(authentication).tokenId(),
        reason));
    return CarrierStatus.of(known, suspensions.all().get(known.id()));
  }

  @Operation(summary = "Resume a suspended carrier: it may open sessions again")
  @Post("/{carrier}/resume")
  @Secured("OPERATOR")
  CarrierStatus resume(@PathVariable @Pattern(regexp = CARRIER, message = CARRIER_MESSAGE) String carrier,
      Authentication authentication) {
    Carrier known = known(carrier);
    if (!suspensions.all().containsKey(known.id())) {
      throw ApiException.conflict("carrier " + carrier + " is not suspended");
    }
    service.record(AuditStep.of(UUID.randomUUID(), AuditKind.CARRIER_RESUMED,
            clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .withActorName(Caller.of(authentication).actor()).withSubject(carrier).with("carrier", carrier));
    suspensions.resume(known.id());
    return CarrierStatus.of(known, null);
  }

  private Carrier known(String carrier) {
    return regime.carriers().find(new CarrierId(carrier))
        .orElseThrow(() -> ApiException.notFound("carrier " + carrier));
  }
}
