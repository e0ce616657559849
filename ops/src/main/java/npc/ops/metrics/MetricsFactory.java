package npc.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import npc.audit.chain.ChainAppender;
import npc.core.event.EventFanout;

/**
 * Binds the core's events and the audit's appender to the registry at start, so that the counts begin with the
 * first port and not with the first scrape.
 */
@Factory
class MetricsFactory {
  @Singleton
  RejectionTimeline rejectionTimeline() {
    return new RejectionTimeline(Clock.systemUTC());
  }

  @Context
  DomainMetrics domainMetrics(MeterRegistry registry, RejectionTimeline timeline, EventFanout events) {
    DomainMetrics metrics = new DomainMetrics(registry, timeline);
    events.add(metrics);
    return metrics;
  }

  @Context
  AuditMetrics auditMetrics(ChainAppender chain, MeterRegistry registry) {
    return new AuditMetrics(chain, registry, Clock.systemUTC());
  }
}
