package npc.ops.query;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import npc.audit.export.ExportWriter;
import npc.audit.record.AuditEntry;
import npc.audit.store.CassandraAuditStore;
import npc.core.audit.AuditKind;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;
import npc.core.porting.NumberState;
import npc.core.porting.PortQueries;
import npc.core.regime.Regime;

/**
 * One number: its whole history in the audit record, and the carrier that serves it now. The history is every entry
 * about the number, each exactly as its line of an export (chain, position, previous hash and hash included), so a
 * regulator holding an export can find each one there and check it. The route is the number's own row (the source of
 * the routing log), placed in the routing log by its {@code ROUTE_CHANGED} entry.
 */
@Controller("/api/v1/numbers/{number}")
@ExecuteOn(TaskExecutors.BLOCKING)
class NumbersController {
  private final PortQueries ports;
  private final CassandraAuditStore audit;
  private final Regime regime;

  NumbersController(PortQueries ports, CassandraAuditStore audit, Regime regime) {
    this.ports = ports;
    this.audit = audit;
    this.regime = regime;
  }

  @Operation(summary = "Every audit entry about a number, in order, each as its line of an export")
  @Get(uri = "/history", produces = MediaType.APPLICATION_JSON)
  @Secured("REGULATOR")
  HttpResponse<String> history(@PathVariable String number) {
    Msisdn msisdn = QueryInput.number(regime, "number", number);
    List<String> lines = audit.aboutNumber(msisdn.toString()).stream().map(ExportWriter::line).toList();
    return HttpResponse.ok("{\"msisdn\":\"" + msisdn + "\",\"entries\":[" + String.join(",", lines) + "]}")
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Operation(summary = "The carrier serving a number now, since when, and the route's position in the routing log")
  @Get("/route")
  @Secured({"REGULATOR", "CARRIER"})
  RouteView route(@PathVariable String number) {
    Msisdn msisdn = QueryInput.number(regime, "number", number);
    NumberState state = ports.number(msisdn);
    String holder = regime.numbers().rangeOf(msisdn).map(NumberRange::holder).map(h -> h.value()).orElse(null);
    String serving = state.servingCarrier().map(c -> c.value()).orElse(holder);
    Optional<AuditEntry> change = state.routeVersion() == 0 ? Optional.empty()
        : audit.aboutNumber(msisdn.toString()).stream()
            .filter(e -> e.record().kind().equals(AuditKind.ROUTE_CHANGED.name()))
            .filter(e -> Long.toString(state.routeVersion()).equals(e.record().evidence().get("routeVersion")))
            .reduce((first, second) -> second);
    return new RouteView(msisdn.toString(), serving, holder, state.servingCarrier().isPresent(),
        state.routeVersion(), change.map(e -> e.record().at()).orElse(null),
        change.map(e -> e.record().evidence().get("logPosition")).map(Long::valueOf).orElse(null),
        change.map(e -> e.record().evidence().get("routingNumber")).filter(r -> !r.isEmpty()).orElse(null));
  }
}
