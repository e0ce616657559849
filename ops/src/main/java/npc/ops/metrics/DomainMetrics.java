package npc.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.event.DomainEvents;
import npc.core.port.PortState;
import npc.core.porting.Port;

/**
 * The core's events as metrics: rejections by carrier and reason, the donors' answer times, the deadlines that
 * fired, the ports that ended and the routing broadcasts' time to their last acknowledgement. An event sink of the
 * service's fan-out, so the core needs no hook of its own. Meters are looked up in maps keyed by the carrier (and
 * reason): after a carrier's first event, recording allocates no tags.
 *
 * <p>Counts are this instance's since it started: with several instances, Prometheus sums them.
 */
public final class DomainMetrics implements DomainEvents {
  public static final String REJECTIONS = "npc.rejections";
  public static final String ANSWER_TIME = "npc.donor.answer";
  public static final String DEADLINES = "npc.deadlines.fired";
  public static final String PORTS_ENDED = "npc.ports.ended";
  public static final String PORTS_OPENED = "npc.ports.opened";
  public static final String PORTS_OPEN = "npc.ports.open";
  public static final String BROADCAST = "npc.routing.broadcast";
  public static final String ROUTING_POSITION = "npc.routing.position";
  /** Where a rejection was made: by the clearinghouse's checks, or by the donor. */
  public static final String BY_CLEARINGHOUSE = "clearinghouse";
  public static final String BY_DONOR = "donor";
  /** The window over which the answer-time percentiles are computed (the dashboard shows them). */
  static final Duration PERCENTILE_WINDOW = Duration.ofMinutes(10);

  private final MeterRegistry registry;
  private final RejectionTimeline timeline;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<CarrierId, Timer> answers = new ConcurrentHashMap<>();
  private final Timer broadcast;
  private final AtomicLong open = new AtomicLong();
  private final AtomicLong routingPosition = new AtomicLong();

  public DomainMetrics(MeterRegistry registry, RejectionTimeline timeline) {
    this.registry = registry;
    this.timeline = timeline;
    this.broadcast = Timer.builder(BROADCAST)
        .description("From a port's activation to its last carrier's acknowledgement (or the deadline naming laggards)")
        .publishPercentileHistogram().register(registry);
    Gauge.builder(PORTS_OPEN, open, AtomicLong::get)
        .description("Ports opened and not yet ended by this instance since it started").register(registry);
    Gauge.builder(ROUTING_POSITION, routingPosition, AtomicLong::get)
        .description("The last routing log position this instance wrote").register(registry);
  }

  @Override
  public void publish(DomainEvent event) {
    if (event instanceof DomainEvent.PortOpened e) {
      open.incrementAndGet();
      counter(PORTS_OPENED, "carrier", e.port().recipient().value()).increment();
    } else if (event instanceof DomainEvent.PortRejectedByClearinghouse e) {
      rejection(e.recipient(), e.code().name(), BY_CLEARINGHOUSE);
    } else if (event instanceof DomainEvent.DonorAnswered e) {
      answered(e);
    } else if (event instanceof DomainEvent.PortActivated e) {
      deadline("ACTIVATION", e.port().recipient());
    } else if (event instanceof DomainEvent.PortEnded e) {
      ended(e.port());
    } else if (event instanceof DomainEvent.LaggardsNamed e) {
      e.laggards().keySet().forEach(c -> deadline("ROUTING_ACK", c));
    } else if (event instanceof DomainEvent.EligibilityExpired e) {
      deadline("ELIGIBILITY_ANSWER", e.query().donor());
    } else if (event instanceof DomainEvent.CodeExpired) {
      deadline("AUTH_CODE", null);
    } else if (event instanceof DomainEvent.RouteChanged e) {
      routingPosition.accumulateAndGet(e.change().position(), Math::max);
    }
  }

  private void answered(DomainEvent.DonorAnswered e) {
    Port port = e.port();
    answers.computeIfAbsent(port.donor(), this::answerTimer)
        .record(Duration.between(port.submittedAt(), e.at()));
    if (e.deemed()) {
      deadline("DONOR_ANSWER", port.donor());
    }
    if (port.state() == PortState.REJECTED_BY_DONOR) {
      rejection(port.donor(), port.reason().orElse("-"), BY_DONOR);
    }
  }

  private void ended(Port port) {
    if (port.state() != PortState.REVERSED) { // a reversal ends a port that had completed already
      open.decrementAndGet();
    }
    counter(PORTS_ENDED, "carrier", port.recipient().value(), "side", "recipient", "state", port.state().name())
        .increment();
    if (port.donor() != null) {
      counter(PORTS_ENDED, "carrier", port.donor().value(), "side", "donor", "state", port.state().name()).increment();
    }
    if (port.activatedAt().isPresent() && port.endedAt().isPresent()
        && (port.state() == PortState.COMPLETED || port.state() == PortState.COMPLETED_WITH_LAGGARDS)) {
      broadcast.record(Duration.between(port.activatedAt().get(), port.endedAt().get()));
    }
  }

  private void rejection(CarrierId carrier, String reason, String by) {
    counter(REJECTIONS, "carrier", carrier.value(), "reason", reason, "by", by).increment();
    timeline.record(carrier.value(), reason);
  }

  private void deadline(String kind, CarrierId carrier) {
    counter(DEADLINES, "kind", kind, "carrier", carrier == null ? "-" : carrier.value()).increment();
  }

  /** The counter of {@code name} with {@code tags}, registered on first use; later uses find it by one string. */
  private Counter counter(String name, String... tags) {
    StringBuilder key = new StringBuilder(name);
    for (String tag : tags) {
      key.append('|').append(tag);
    }
    return counters.computeIfAbsent(key.toString(), k -> Counter.builder(name).tags(tags).register(registry));
  }

  private Timer answerTimer(CarrierId donor) {
    return Timer.builder(ANSWER_TIME)
        .description("From a port's submission to its donor's answer (deemed acceptances at the deadline included)")
        .tag("carrier", donor.value())
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(PERCENTILE_WINDOW)
        .register(registry);
  }
}
