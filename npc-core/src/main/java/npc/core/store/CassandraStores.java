package npc.core.store;

import java.security.SecureRandom;
import java.time.Clock;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.notice.NotifyingPortStore;
import npc.core.notice.Outbox;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import npc.core.routing.RoutingLog;
import com.datastax.oss.driver.api.core.CqlSession;

/** Wires the application service to the Cassandra stores of one session. */
public final class CassandraStores {
  private CassandraStores() {}

  /** A service that tells no carrier anything: for tools and tests of the core alone. */
  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock) {
    return new PortingService(regime, new CassandraPortStore(session, regime.numbers()),
        new CassandraDeadlineStore(session), new CassandraRoutingLog(session, regime.numbers()), events, identities,
        clock, new SecureRandom());
  }

  /** A service that puts a notice in {@code outbox} before every write a carrier must hear of. */
  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock, Outbox outbox, RoutingLog log) {
    return new PortingService(regime, new NotifyingPortStore(new CassandraPortStore(session, regime.numbers()),
        outbox, regime.numbers()), new CassandraDeadlineStore(session), log, events, identities, clock,
        new SecureRandom());
  }
}
