package npc.core.porting;

import npc.core.audit.AuditTrail;
import npc.core.audit.AuditingPortStore;
import npc.core.audit.PortSteps;
import npc.core.audit.ToldTimes;
import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.deadline.DeadlineShare;
import npc.core.store.CassandraDeadlineStore;
import npc.core.store.CassandraStores;
import npc.core.store.CassandraPortStore;
import npc.core.store.CassandraRoutingLog;

/**
 * A whole port lifecycle in one call, on the real clock, for programs that run many at once (the lifecycle
 * benchmark, the node-loss test): code issued, port submitted, donor accepts, activation (its deadline handled
 * directly, the regime's activation being immediate), every carrier's acknowledgement, the donor's deactivation.
 */
final class BenchLifecycles {
  static final CarrierId DONOR = new CarrierId("CM");
  private static final CarrierId[] RECIPIENTS = {new CarrierId("CU"), new CarrierId("CT"), new CarrierId("CBN")};
  private static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Bench Subscriber", "110101199001010000");

  private BenchLifecycles() {}

  /** China's rules with immediate activation. */
  static Regime regime() {
    return RegimeLoader.fromClasspath("npc/core/regime/bench.properties");
  }

  /** A porting service on {@code session}: one npc instance. */
  static PortingService service(CqlSession session, Regime regime) {
    return service(session, regime, new CassandraPortStore(session, regime.numbers()), AuditTrail.NONE);
  }

  /**
   * One npc instance that feeds {@code audit}: its store is an {@link AuditingPortStore} over the same trail, as
   * {@code CassandraStores} wires it for the service.
   */
  static PortingService service(CqlSession session, Regime regime, AuditTrail audit) {
    return service(session, regime, new AuditingPortStore(new CassandraPortStore(session, regime.numbers()), audit,
        new PortSteps(regime.routingAck(), ToldTimes.NONE, Clock.systemUTC()), regime.numbers()), audit);
  }

  private static PortingService service(CqlSession session, Regime regime, PortStore store, AuditTrail audit) {
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    return new PortingService(regime, store, deadlines,
        CassandraStores.deadlineShare(session, deadlines, DeadlineShare.DEFAULT_LEASE, Clock.systemUTC()),
        new CassandraRoutingLog(session, regime.numbers()), DomainEvents.none(),
        new IdentityDigester("benchmark identity key of 32+ bytes....".getBytes(StandardCharsets.UTF_8)),
        Clock.systemUTC(), new SecureRandom(), audit);
  }

  /** The {@code n}th number of the benchmark's block. */
  static String number(long n) {
    return String.format("135%08d", n);
  }

  /** Runs the lifecycle of {@link #number(long) number n} to completion; returns the completed port. */
  static Port run(PortingService service, long n) {
    String number = number(n);
    CarrierId recipient = RECIPIENTS[(int) (n % RECIPIENTS.length)];
    String code = service.issueCode(DONOR, number, SUBSCRIBER).value().code();
    PortOutcome outcome = service.submit(new SubmitPort(recipient, "bench-" + n, number, "o-" + n, "bench",
        SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value();
    Port port = ((PortOutcome.Opened) outcome).port();
    Port scheduled = service.answer(new DonorAnswer.Accept(DONOR, port.id(), List.of())).value();
    service.fire(new Deadline(scheduled.activationAt().orElseThrow(), Deadline.Kind.ACTIVATION,
        port.id(), port.msisdn().toString()));
    for (CarrierId carrier : service.regime().carriers().participants()) {
      service.acknowledgeRoute(carrier, port.id()).value();
    }
    Port done = service.confirmDeactivation(DONOR, port.id()).value();
    if (done.state() != PortState.COMPLETED) {
      throw new IllegalStateException("lifecycle ended in " + done.state());
    }
    return done;
  }
}
