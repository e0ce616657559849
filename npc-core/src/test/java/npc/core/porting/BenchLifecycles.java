package npc.core.porting;

import npc.core.audit.AuditTrail;
import npc.core.audit.AuditingPortStore;
import npc.core.audit.PortSteps;
import npc.core.audit.ToldTimes;
import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.port.PortState;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.deadline.DeadlineShare;
import npc.core.storage.RequestWrites;
import npc.core.store.CassandraDeadlineStore;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraStores;
import npc.core.store.CassandraPortStore;
import npc.core.store.CassandraRoutingLog;

/**
 * A whole port lifecycle in one call, on the real clock, for programs that run many at once (the lifecycle
 * benchmark, the node-loss test): code issued, port submitted, donor accepts, activation (its deadline handled
 * directly, the regime's activation being immediate), every carrier's acknowledgement, the donor's deactivation.
 * Public for the other modules' benchmarks (ops' {@code RegulatorBenchmark}), through npc-core's test jar.
 */
public final class BenchLifecycles {
  static final CarrierId DONOR = new CarrierId("CM");
  private static final CarrierId[] RECIPIENTS = {new CarrierId("CU"), new CarrierId("CT"), new CarrierId("CBN")};
  static final SubscriberIdentity SUBSCRIBER = new SubscriberIdentity("Bench Subscriber", "110101199001010000");
  private static final IdentityDigester DIGESTER =
      new IdentityDigester("benchmark identity key of 32+ bytes....".getBytes(StandardCharsets.UTF_8));

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
        new CassandraRoutingLog(session, regime.numbers()), DomainEvents.none(), DIGESTER, Clock.systemUTC(),
        new SecureRandom(), audit);
  }

  /**
   * One npc instance as the service wires it ({@link CassandraStores#portingService}): besides the above, a notice in
   * the outbox before every write a carrier must hear of (nobody reads them here: the pushing is the gateway's), and,
   * with {@code audit}, the audit outermost with {@code toldAt} from the outbox.
   */
  public static PortingService notifying(CqlSession session, Regime regime, Optional<AuditTrail> audit) {
    Clock clock = Clock.systemUTC();
    CassandraOutbox outbox = new CassandraOutbox(session, clock);
    CassandraRoutingLog log = new CassandraRoutingLog(session, regime.numbers());
    return audit.isEmpty()
        ? CassandraStores.portingService(session, regime, DomainEvents.none(), DIGESTER, clock, outbox, log)
        : CassandraStores.portingService(session, regime, DomainEvents.none(), DIGESTER, clock, outbox, log,
            DeadlineShare.DEFAULT_LEASE, audit.get());
  }

  /** The {@code n}th number of the benchmark's block. */
  public static String number(long n) {
    return String.format("135%08d", n);
  }

  /** How a carrier sends one request of a lifecycle: once, or again after a failure whose outcome is unknown. */
  interface Sender {
    /** Sends everything once: the benchmark's carriers. */
    Sender ONCE = new Sender() {
      @Override
      public <T> T send(String request, Supplier<T> sending) {
        return sending.get();
      }
    };

    <T> T send(String request, Supplier<T> sending);
  }

  /**
   * A carrier that sends a request again, after {@code pause}, while the database's failure leaves its outcome
   * unknown or nothing was written ({@link RequestWrites#databaseFailed}), as the protocol asks; each resend is
   * counted in {@code resent} under the phase it happened in, the request and the failure. A request refused, or
   * failing {@code attempts} times, fails.
   */
  record Resending(int attempts, Duration pause, Supplier<String> phase, Map<String, Integer> resent)
      implements Sender {
    @Override
    public <T> T send(String request, Supplier<T> sending) {
      for (int attempt = 1; ; attempt++) {
        try {
          return sending.get();
        } catch (RuntimeException e) {
          if (!RequestWrites.databaseFailed(e) || attempt == attempts) {
            throw new IllegalStateException(request + " failed after " + attempt + " attempts", e);
          }
          resent.merge(phase.get() + ": " + request + ": " + e.getClass().getSimpleName(), 1, Integer::sum);
          try {
            Thread.sleep(pause.toMillis());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
          }
        }
      }
    }
  }

  /** Runs the lifecycle of {@link #number(long) number n} to completion; returns the completed port. */
  public static Port run(PortingService service, long n) {
    return run(service, n, Sender.ONCE);
  }

  /** As {@link #run(PortingService, long)}, each request sent through {@code carrier}. */
  static Port run(PortingService service, long n, Sender carrier) {
    String number = number(n);
    CarrierId recipient = RECIPIENTS[(int) (n % RECIPIENTS.length)];
    String code = carrier.send("code", () -> service.issueCode(DONOR, number, SUBSCRIBER).value()).code();
    PortOutcome outcome = carrier.send("port request", () -> service.submit(new SubmitPort(recipient, "bench-" + n,
        number, "o-" + n, "bench", SubscriberType.INDIVIDUAL, SUBSCRIBER, code)).value());
    Port port = ((PortOutcome.Opened) outcome).port();
    Port scheduled = carrier.send("answer", () -> service.answer(new DonorAnswer.Accept(DONOR, port.id(),
        List.of())).value());
    carrier.send("activation", () -> {
      // An answer sent again may find the port accepted and not yet scheduled (its first sending stopped between
      // the two): the activation row schedules it at the row's time, now, which the regime's immediate activation
      // gives too.
      service.fire(new Deadline(scheduled.activationAt().orElseGet(service::now), Deadline.Kind.ACTIVATION,
          port.id(), port.msisdn().toString()));
      return null;
    });
    for (CarrierId each : service.regime().carriers().participants()) {
      carrier.send("routing ack", () -> service.acknowledgeRoute(each, port.id()).value());
    }
    Port done = carrier.send("deactivation", () -> service.confirmDeactivation(DONOR, port.id()).value());
    if (done.state() != PortState.COMPLETED) {
      throw new IllegalStateException("lifecycle ended in " + done.state());
    }
    return done;
  }
}
