package npc.ops.query;

import io.micronaut.core.annotation.Nullable;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import npc.core.carrier.CarrierId;
import npc.core.port.PortState;
import npc.core.porting.Port;
import npc.core.porting.PortQueries;
import npc.core.regime.Regime;
import npc.ops.api.ApiException;
import npc.ops.security.Caller;

/**
 * Ports as the regulator inspects them and a carrier reconciles its own: one by id, the ports of a number, and the
 * ports a carrier took part in over a period (paged by opaque tokens). A carrier's token sees only the ports it is
 * donor or recipient of; any other is 404, as on the gateway.
 */
@Controller("/api/v1/ports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"REGULATOR", "CARRIER"})
class PortsController {
  static final int DEFAULT_PAGE = 100;

  private final PortQueries queries;
  private final Regime regime;
  private final Clock clock = Clock.systemUTC();

  PortsController(PortQueries queries, Regime regime) {
    this.queries = queries;
    this.regime = regime;
  }

  @Operation(summary = "Ports by number, or by carrier (as donor or recipient), state and period, paged")
  @Get
  PortView.Page ports(@Nullable @QueryValue String number, @Nullable @QueryValue String carrier,
      @Nullable @QueryValue String side, @Nullable @QueryValue String state, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to, @Nullable @QueryValue Integer size, @Nullable @QueryValue String page,
      Authentication authentication) {
    Caller caller = Caller.of(authentication);
    Set<PortState> states = QueryInput.states(state);
    if (number != null) {
      Predicate<Port> visible = p -> caller.maySee(p.donor().value()) || caller.maySee(p.recipient().value());
      return new PortView.Page(queries.ports(QueryInput.number(regime, "number", number)).stream()
          .filter(visible).filter(p -> states.isEmpty() || states.contains(p.state())).map(PortView::of).toList(),
          null);
    }
    String named = carrier != null ? carrier : caller.restrictedTo()
        .orElseThrow(() -> ApiException.invalid("carrier", "is required when no number is given"));
    CarrierId id = QueryInput.carrier(regime, caller, "carrier", named);
    QueryInput.Period period = QueryInput.period(from, to, clock.instant());
    int pageSize = size == null ? DEFAULT_PAGE : size;
    if (pageSize < 1 || pageSize > PortQueries.MAX_PAGE) {
      throw ApiException.invalid("size", "must be 1 to " + PortQueries.MAX_PAGE + ", not " + pageSize);
    }
    if (period.from().plus(java.time.Duration.ofDays(PortQueries.MAX_DAYS)).isBefore(period.to())) {
      throw ApiException.invalid("to", "a period spans " + PortQueries.MAX_DAYS + " days at most");
    }
    try {
      PortQueries.Page found = queries.ports(id, side(side), states, period.from(), period.to(), pageSize,
          Optional.ofNullable(page));
      return new PortView.Page(found.ports().stream().map(PortView::of).toList(), found.next().orElse(null));
    } catch (PortQueries.BadToken e) {
      throw ApiException.invalid("page", e.getMessage() + ": pass the 'next' of the previous page unchanged, "
          + "with the same carrier, side and period");
    }
  }

  @Operation(summary = "One port by its id")
  @Get("/{id}")
  PortView port(@PathVariable String id, Authentication authentication) {
    Caller caller = Caller.of(authentication);
    return queries.port(QueryInput.uuid("id", id))
        .filter(p -> caller.maySee(p.donor().value()) || caller.maySee(p.recipient().value()))
        .map(PortView::of).orElseThrow(() -> ApiException.notFound("port " + id));
  }

  private static Optional<PortQueries.Side> side(@Nullable String side) {
    if (side == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PortQueries.Side.valueOf(side.toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("side", "must be DONOR or RECIPIENT, not " + side);
    }
  }
}
