package npc.core.store;

import java.security.SecureRandom;
import java.time.Clock;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.porting.PortingService;
import npc.core.regime.Regime;
import com.datastax.oss.driver.api.core.CqlSession;

/** Wires the application service to the Cassandra stores of one session. */
public final class CassandraStores {
  private CassandraStores() {}

  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock) {
    return new PortingService(regime, new CassandraPortStore(session, regime.numbers()),
        new CassandraDeadlineStore(session), new CassandraRoutingLog(session, regime.numbers()), events, identities,
        clock, new SecureRandom());
  }
}
