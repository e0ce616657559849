package npc.ops.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.audit.detect.Rule;
import npc.audit.findings.FindingStore;
import npc.audit.findings.FindingsRunner;
import npc.audit.findings.KeptFinding;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.regime.Regime;

/**
 * The detectors' findings and signals as the service keeps them (the findings round writes them every
 * {@code npc.audit.findings.interval}): exactly what {@code ./npc audit findings} recomputes from an export of the
 * same entries, so a regulator can reproduce each one. A finding names its evidence as chain positions of the record
 * and the port or query ids behind them. Signals (a rate far above peers) are listed apart: they are never findings.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"REGULATOR", "OPERATOR"})
class FindingsController {
  /** The period asked when none is given: the last day. */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

  private final Regime regime;
  private final JsonMapper json;
  /** The header naming the end of this instance's last findings round: findings judge what was recorded before. */
  static final String THROUGH = "Npc-Findings-Through";
  private final FindingStore findings;
  private final FindingsRunner runner;
  private final Clock clock = Clock.systemUTC();

  FindingsController(FindingStore findings, FindingsRunner runner, Regime regime, JsonMapper json) {
    this.findings = findings;
    this.runner = runner;
    this.regime = regime;
    this.json = json;
  }

  @Operation(summary = "Findings of the obstruction detectors, by carrier, rule and period, each with its evidence")
  @Get("/findings")
  HttpResponse<List<FindingView>> findings(@Nullable @QueryValue String carrier, @Nullable @QueryValue String rule,
      @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
    Optional<String> ruleId = rule(rule);
    Optional<Instant> through = runner.through();
    MutableHttpResponse<List<FindingView>> response = HttpResponse.ok(kept(carrier, ruleId, from, to, "finding")
        .stream().map(k -> read(k.line(), FindingView.Line.class).view()).toList());
    through.ifPresent(t -> response.header(THROUGH, t.toString()));
    return response;
  }

  @Operation(summary = "Signals: a carrier's rate of a rejection reason far above its peers' (never a finding)")
  @Get("/signals")
  List<SignalView> signals(@Nullable @QueryValue String carrier, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    return kept(carrier, Optional.empty(), from, to, "signal").stream()
        .map(k -> read(k.line(), SignalView.Line.class).view()).toList();
  }

  private List<KeptFinding> kept(@Nullable String carrier, Optional<String> rule, @Nullable String from,
      @Nullable String to, String type) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_PERIOD) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ApiException.invalid("from", "must be before to (" + start + " is not before " + end + ")");
    }
    List<KeptFinding> result = new ArrayList<>();
    for (Carrier each : carriers(carrier)) {
      for (KeptFinding k : findings.find(each.id().value(), rule, start, end)) {
        if (k.type().equals(type)) {
          result.add(k);
        }
      }
    }
    return result;
  }

  private List<Carrier> carriers(@Nullable String carrier) {
    if (carrier == null) {
      return regime.carriers().all();
    }
    CarrierId id;
    try {
      id = new CarrierId(carrier);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("carrier", "must be a carrier id such as CM: " + e.getMessage());
    }
    return List.of(regime.carriers().find(id)
        .orElseThrow(() -> ApiException.notFound("carrier " + carrier + " in regime " + regime.id())));
  }

  private static Optional<String> rule(@Nullable String rule) {
    if (rule == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rule.valueOf(rule).name());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("rule", "must be one of " + List.of(Rule.values()) + ", not " + rule);
    }
  }

  /** A kept line, written by this service's own round: one that does not read is a fault of the service. */
  private <T> T read(String line, Class<T> type) {
    try {
      return json.readValue(line, type);
    } catch (IOException e) {
      throw new UncheckedIOException("a kept finding that does not read as " + type.getSimpleName() + ": " + line, e);
    }
  }

  private static Instant instant(String field, String value) {
    return Instants.parse(field, value);
  }
}
