package npc.ops.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.Carrier;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.gateway.server.GatewayServer;
import npc.ops.metrics.DomainMetrics;
import npc.ops.metrics.GatewayMetrics;
import npc.ops.metrics.RejectionTimeline;

/**
 * Reads the dashboard's figures from the metrics this instance records ({@link DomainMetrics}, {@link GatewayMetrics})
 * rather than from the database: the page refreshes every few seconds, and this costs no query. The same counts
 * are on {@code /prometheus}, so the page and a Prometheus server never disagree. Made at start, so that
 * {@code since} is when the counting began.
 */
@Context
class SummaryReader {
  private static final List<String> COMPLETED = List.of(PortState.COMPLETED.name(),
      PortState.COMPLETED_WITH_LAGGARDS.name());

  private final MeterRegistry registry;
  private final Regime regime;
  private final GatewayMetrics gateway;
  private final RejectionTimeline timeline;
  private final Clock clock = Clock.systemUTC();
  private final Instant since = clock.instant();

  SummaryReader(MeterRegistry registry, Regime regime, GatewayMetrics gateway, RejectionTimeline timeline) {
    this.registry = registry;
    this.regime = regime;
    this.gateway = gateway;
    this.timeline = timeline;
  }

  DashboardSummary read() {
    List<DashboardSummary.CarrierRow> rows = new ArrayList<>();
    for (Carrier carrier : regime.carriers().all()) {
      rows.add(row(carrier));
    }
    RejectionTimeline.Window window = timeline.window();
    List<DashboardSummary.RejectionSeries> series = window.series().stream()
        .map(s -> new DashboardSummary.RejectionSeries(s.carrier(), s.reason(), s.counts())).toList();
    return new DashboardSummary(clock.instant().toString(), since.toString(), live(), rows,
        window.from().toString(), series);
  }

  private DashboardSummary.Live live() {
    double open = registry.find(DomainMetrics.PORTS_OPEN).gauge() == null ? 0
        : registry.find(DomainMetrics.PORTS_OPEN).gauge().value();
    List<String> connected = gateway.gateway()
        .map(g -> new TreeSet<>(g.connectedCarriers().stream().map(c -> c.value()).toList()))
        .map(List::copyOf).orElse(List.of());
    int sessions = gateway.gateway().map(GatewayServer::sessions).orElse(0);
    return new DashboardSummary.Live(gateway.requestsTotal(), (long) open, connected, sessions);
  }

  private DashboardSummary.CarrierRow row(Carrier carrier) {
    String id = carrier.id().value();
    long requested = sum(registry.find(DomainMetrics.PORTS_OPENED).tag("carrier", id));
    long refusedAtCheck = sum(registry.find(DomainMetrics.REJECTIONS).tag("carrier", id)
        .tag("by", DomainMetrics.BY_CLEARINGHOUSE));
    long ended = sum(registry.find(DomainMetrics.PORTS_ENDED).tag("carrier", id)) + refusedAtCheck;
    long completed = 0;
    for (String state : COMPLETED) {
      completed += sum(registry.find(DomainMetrics.PORTS_ENDED).tag("carrier", id).tag("state", state));
    }
    Map<String, Long> reasons = new TreeMap<>();
    for (Counter c : registry.find(DomainMetrics.REJECTIONS).tag("carrier", id).counters()) {
      reasons.merge(c.getId().getTag("reason"), (long) c.count(), Long::sum);
    }
    long deemed = sum(registry.find(DomainMetrics.DEADLINES).tag("carrier", id).tag("kind", "DONOR_ANSWER"));
    Timer answers = registry.find(DomainMetrics.ANSWER_TIME).tag("carrier", id).timer();
    Double p50 = null;
    Double p99 = null;
    long count = 0;
    if (answers != null) {
      count = answers.count();
      for (ValueAtPercentile v : answers.takeSnapshot().percentileValues()) {
        if (v.percentile() == 0.5) {
          p50 = v.value(TimeUnit.MILLISECONDS);
        } else if (v.percentile() == 0.99) {
          p99 = v.value(TimeUnit.MILLISECONDS);
        }
      }
    }
    Double success = ended == 0 ? null : (double) completed / ended;
    return new DashboardSummary.CarrierRow(id, carrier.name(), requested + refusedAtCheck, ended, completed, success,
        count, p50, p99, deemed, reasons);
  }

  private static long sum(Search search) {
    double total = 0;
    for (Counter c : search.counters()) {
      total += c.count();
    }
    return (long) total;
  }
}
