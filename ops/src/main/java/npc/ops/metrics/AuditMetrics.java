package npc.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import npc.audit.chain.ChainAppender;

/**
 * The audit's append lag: entries this instance's chain appended that the database has not acknowledged yet. Each
 * step the service applies appends its entry; a lag that grows means the record falls behind the ports, and at
 * the appender's in-flight limit every step waits for it.
 */
public final class AuditMetrics {
  public static final String APPEND_LAG = "npc.audit.append.lag";
  public static final String APPENDED = "npc.audit.appended";
  /** How long entries may wait without the acknowledged position moving before the appender counts as stuck. */
  static final Duration STUCK_AFTER = Duration.ofSeconds(30);

  private final ChainAppender chain;
  private final Clock clock;
  private long lastAcknowledged = -1;
  private Instant movedAt;

  public AuditMetrics(ChainAppender chain, MeterRegistry registry, Clock clock) {
    this.chain = chain;
    this.clock = clock;
    this.movedAt = clock.instant();
    Gauge.builder(APPEND_LAG, this, AuditMetrics::lag)
        .description("Audit entries appended by this instance and not yet acknowledged by the database")
        .register(registry);
    Gauge.builder(APPENDED, chain, ChainAppender::appended)
        .description("The last position this instance's audit chain appended").register(registry);
  }

  /** Entries appended and not yet acknowledged. */
  public long lag() {
    return Math.max(0, chain.appended() - chain.acknowledgedHead().position());
  }

  /** The lag, the limit, and whether the appender is alive: lag under the limit and no entry waiting too long. */
  public record State(long lag, int limit, Duration sinceAcknowledgedMoved, boolean healthy) {}

  public synchronized State state() {
    long acknowledged = chain.acknowledgedHead().position();
    Instant now = clock.instant();
    if (acknowledged != lastAcknowledged || chain.appended() == acknowledged) {
      lastAcknowledged = acknowledged;
      movedAt = now;
    }
    long lag = Math.max(0, chain.appended() - acknowledged);
    Duration still = Duration.between(movedAt, now);
    boolean healthy = lag < chain.maxInFlight() && (lag == 0 || still.compareTo(STUCK_AFTER) < 0);
    return new State(lag, chain.maxInFlight(), still, healthy);
  }
}
