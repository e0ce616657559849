package npc.ops.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import npc.gateway.server.GatewayServer;
import npc.gateway.server.log.GatewayCounters;
import npc.gateway.server.log.Refusal;
import npc.gateway.server.log.RequestCounts;

/**
 * The gateway's own counters as metrics: requests by type and outcome, expected refusals, sessions and connected
 * carriers. Bound when the gateway bean is created (the start command creates it after the context, so that a port
 * already taken fails where the command can stop cleanly): this never creates the gateway itself.
 *
 * <p>A request type and outcome is registered the first time a scrape ({@link #refresh()}) sees it counted, so the
 * output lists what happened rather than every pair of the protocol's types and error codes.
 */
@Singleton
public class GatewayMetrics implements BeanCreatedEventListener<GatewayServer> {
  public static final String REQUESTS = "npc.gateway.requests";
  public static final String REFUSALS = "npc.gateway.refusals";
  public static final String SESSIONS = "npc.gateway.sessions";
  public static final String CONNECTED_CARRIERS = "npc.gateway.connected.carriers";

  private final MeterRegistry registry;
  private final AtomicReference<GatewayServer> gateway = new AtomicReference<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public GatewayServer onCreated(BeanCreatedEvent<GatewayServer> event) {
    GatewayServer server = event.getBean();
    gateway.set(server);
    Gauge.builder(SESSIONS, server, GatewayServer::sessions)
        .description("Carrier sessions open on this instance").register(registry);
    Gauge.builder(CONNECTED_CARRIERS, server, s -> s.connectedCarriers().size())
        .description("Carriers with at least one session open on this instance").register(registry);
    GatewayCounters counters = server.counters();
    for (Refusal refusal : Refusal.values()) {
      FunctionCounter.builder(REFUSALS, counters, c -> c.get(refusal)).tag("refusal", refusal.name())
          .description("Expected refusals of connections and sessions (attacks, misconfiguration)").register(registry);
    }
    return server;
  }

  /** The gateway, once created. */
  public Optional<GatewayServer> gateway() {
    return Optional.ofNullable(gateway.get());
  }

  /** Registers the request types and outcomes counted since the last call; called before each scrape. */
  public void refresh() {
    GatewayServer server = gateway.get();
    if (server == null) {
      return;
    }
    RequestCounts requests = server.counters().requests();
    for (RequestCounts.Count count : requests.nonZero()) {
      if (registered.add(count.body() + " " + count.outcome())) {
        FunctionCounter.builder(REQUESTS, requests, r -> r.get(count.body(), count.outcome()))
            .tags("type", count.body().name(), "outcome", count.outcome())
            .description("Carriers' requests answered by the gateway, by type and outcome (OK or the error code)")
            .register(registry);
      }
    }
  }

  /** Every request answered since the gateway started. */
  public long requestsTotal() {
    return gateway().map(g -> g.counters().requests().nonZero().stream().mapToLong(RequestCounts.Count::count).sum())
        .orElse(0L);
  }
}
