package npc.core.store;

import npc.core.audit.AuditTrail;
import npc.core.audit.AuditingPortStore;
import npc.core.audit.PortSteps;
import npc.core.porting.PortStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.DeadlineStore;
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
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    return new PortingService(regime, new CassandraPortStore(session, regime.numbers()), deadlines,
        deadlineShare(session, deadlines, DeadlineShare.DEFAULT_LEASE, clock),
        new CassandraRoutingLog(session, regime.numbers()), events, identities, clock, new SecureRandom());
  }

  /** A service that puts a notice in {@code outbox} before every write a carrier must hear of. */
  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock, Outbox outbox, RoutingLog log) {
    return portingService(session, regime, events, identities, clock, outbox, log, DeadlineShare.DEFAULT_LEASE);
  }

  /**
   * A service that puts a notice in {@code outbox} before every write a carrier must hear of, and shares the
   * deadline work with the other instances by leases of {@code deadlineLease}.
   */
  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock, Outbox outbox, RoutingLog log, Duration deadlineLease) {
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    return new PortingService(regime, new NotifyingPortStore(new CassandraPortStore(session, regime.numbers()),
        outbox, regime.numbers()), deadlines, deadlineShare(session, deadlines, deadlineLease, clock), log, events,
        identities, clock, new SecureRandom());
  }

  /**
   * A service that also feeds the audit record: every step's intent, write and outcome go through {@code audit}
   * ({@link AuditingPortStore}, outermost, so an intent is durable before the notice and the write), and so do its
   * refusals by a rule and its route changes. {@code toldAt} comes from {@code outbox}'s first pushes.
   */
  public static PortingService portingService(CqlSession session, Regime regime, DomainEvents events,
      IdentityDigester identities, Clock clock, Outbox outbox, RoutingLog log, Duration deadlineLease,
      AuditTrail audit) {
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    PortStore store = new AuditingPortStore(new NotifyingPortStore(new CassandraPortStore(session, regime.numbers()),
        outbox, regime.numbers()), audit, new PortSteps(regime.routingAck(), outbox::toldAt, clock), regime.numbers());
    return new PortingService(regime, store, deadlines, deadlineShare(session, deadlines, deadlineLease, clock), log,
        events, identities, clock, new SecureRandom(), audit);
  }

  /** This instance's share of the deadline work, under a new random instance id. */
  public static DeadlineShare deadlineShare(CqlSession session, DeadlineStore deadlines, Duration lease,
      Clock clock) {
    return new DeadlineShare(new CassandraDeadlineLeases(session), deadlines, UUID.randomUUID(), lease, clock);
  }
}
