package npc.ops.service;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import npc.core.audit.AuditTrail;
import npc.core.event.EventFanout;
import npc.core.identity.IdentityDigester;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.storage.Database;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import npc.ops.StartupException;

/**
 * Builds the application service on the database's session, with the outbox and routing log the gateway pushes
 * from. Everything here is a singleton: one service, one outbox and one routing log per instance, shared by the
 * gateway and (later) the HTTP API, so that a write by either is pushed by the same pushers.
 */
@Factory
class ServiceFactory {
  private static final Duration MIN_LEASE = Duration.ofSeconds(3);

  @Singleton
  Regime regime(ServiceConfiguration configuration) {
    try {
      return RegimeLoader.builtIn(configuration.getRegime());
    } catch (IllegalArgumentException e) {
      throw new StartupException("regime '" + configuration.getRegime() + "' (npc.regime, --regime): "
          + e.getMessage() + "; the built-in regimes are cn, demo and in", e);
    }
  }

  @Singleton
  IdentityDigester identityDigester(ServiceConfiguration configuration) {
    return IdentityKeyFile.load(Path.of(configuration.getIdentity().getKeyFile()));
  }

  @Singleton
  CassandraOutbox outbox(Database database) {
    return new CassandraOutbox(database.session(), Clock.systemUTC());
  }

  @Singleton
  CassandraRoutingLog routingLog(Database database, Regime regime) {
    return new CassandraRoutingLog(database.session(), regime.numbers());
  }

  /** The service's events; the gateway adds itself once it listens. */
  @Singleton
  EventFanout events() {
    return new EventFanout();
  }

  /**
   * The service, sharing the deadlines with the other instances by leases of {@code npc.deadlines.lease}. The timer
   * must tick at least three times a lease, or this instance's leases would run out between its rounds.
   */
  @Singleton
  PortingService portingService(Database database, Regime regime, EventFanout events, IdentityDigester identities,
      CassandraOutbox outbox, CassandraRoutingLog log, AuditTrail audit, ServiceConfiguration configuration) {
    Duration lease = configuration.getDeadlines().getLease();
    Duration interval = configuration.getDeadlines().getInterval();
    if (lease == null || lease.compareTo(MIN_LEASE) < 0 || interval.multipliedBy(3).compareTo(lease) > 0) {
      throw new StartupException("npc.deadlines.lease must be 3s at least and at least three times "
          + "npc.deadlines.interval (" + interval + "), not " + lease);
    }
    return CassandraStores.portingService(database.session(), regime, events, identities, Clock.systemUTC(),
        outbox, log, lease, audit);
  }

  /**
   * Started with the service (not at first use), so that a bad regime or identity key stops start-up with its
   * reason. It depends on the service, hence on the database: Micronaut stops it before it closes the database.
   */
  @Context
  @Bean(preDestroy = "close")
  DeadlineTimer deadlineTimer(PortingService service, ServiceConfiguration configuration) {
    return new DeadlineTimer(service, configuration.getDeadlines().getInterval());
  }
}
