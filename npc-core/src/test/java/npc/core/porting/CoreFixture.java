package npc.core.porting;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import npc.core.identity.IdentityDigester;
import npc.core.identity.SubscriberIdentity;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraOutbox;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import npc.core.testing.MutableClock;
import npc.core.testing.RecordingEvents;

/** A porting service on a fresh keyspace of the shared test node, with a clock the test moves. */
final class CoreFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-29T02:20:00Z"); // 10:20 in Beijing
  static final CarrierId CM = new CarrierId("CM");
  static final CarrierId CU = new CarrierId("CU");
  static final CarrierId CT = new CarrierId("CT");
  static final CarrierId CBN = new CarrierId("CBN");
  static final SubscriberIdentity ALICE = new SubscriberIdentity("Zhang Wei", "110101199003071234");
  static final IdentityDigester DIGESTER =
      new IdentityDigester("test identity key, 32 bytes at least....".getBytes(StandardCharsets.UTF_8));

  final Database database;
  final MutableClock clock = new MutableClock(START);
  final RecordingEvents events = new RecordingEvents();
  final Regime regime;
  final PortingService service;
  final CassandraOutbox outbox;
  private final AtomicLong numbers = new AtomicLong();
  private final String numberPrefix;

  CoreFixture(String purpose, String regimeId, String numberPrefix) {
    this(purpose, regimeId, numberPrefix, false);
  }

  /** With {@code notifying}, the service fills {@link #outbox} as the gateway's instances do. */
  CoreFixture(String purpose, String regimeId, String numberPrefix, boolean notifying) {
    this(TestCassandra.freshDatabase(purpose), regimeId, numberPrefix, notifying);
  }

  /** On a database of the caller's (a keyspace of the 3-node test cluster, for instance), which the fixture closes. */
  CoreFixture(Database database, String regimeId, String numberPrefix) {
    this(database, regimeId, numberPrefix, false);
  }

  /** On {@code database}, which the fixture closes. */
  CoreFixture(Database database, String regimeId, String numberPrefix, boolean notifying) {
    this.database = database;
    this.regime = RegimeLoader.builtIn(regimeId);
    this.outbox = new CassandraOutbox(database.session(), Clock.systemUTC());
    this.service = notifying
        ? CassandraStores.portingService(database.session(), regime, events, DIGESTER, clock, outbox,
            new CassandraRoutingLog(database.session(), regime.numbers()))
        : CassandraStores.portingService(database.session(), regime, events, DIGESTER, clock);
    this.numberPrefix = numberPrefix;
  }

  /** A second instance on the same keyspace, with its own session: what another clearinghouse node would be. */
  PortingService anotherInstance(Database other) {
    return CassandraStores.portingService(other.session(), regime, events, DIGESTER, clock);
  }

  /** A number never used before in this keyspace, in the fixture's block (CN 138: China Mobile). */
  String freshNumber() {
    String suffix = Long.toString(numbers.incrementAndGet());
    int length = regime.numbers().countryCode() == 86 ? 11 : 10;
    return numberPrefix + "0".repeat(length - numberPrefix.length() - suffix.length()) + suffix;
  }

  /** {@code asker} asks whether {@code number} may be ported, for ALICE as a subscriber of {@code type}. */
  Result<EligibilityQuery> query(CarrierId asker, String number, SubscriberType type) {
    return service.queryEligibility(new QueryEligibility(asker, number, type, ALICE));
  }

  String codeFor(CarrierId donor, String number) {
    return service.issueCode(donor, number, ALICE).value().code();
  }

  SubmitPort submission(CarrierId recipient, String key, String number, String code) {
    return new SubmitPort(recipient, key, number, "order-" + key, "outlet:BJ-0001", SubscriberType.INDIVIDUAL, ALICE,
        code);
  }

  /** Issues a code from {@code donor} and submits a port to {@code recipient}; returns the opened port. */
  Port open(CarrierId donor, CarrierId recipient, String number) {
    String code = codeFor(donor, number);
    PortOutcome outcome = service.submit(submission(recipient, "k-" + number + "-" + clock.instant().toEpochMilli(),
        number, code)).value();
    return ((PortOutcome.Opened) outcome).port();
  }

  /** Drives a port from submission to completion: accept, activation, every ack, deactivation. */
  Port complete(CarrierId donor, CarrierId recipient, String number) {
    Port port = open(donor, recipient, number);
    Port scheduled = service.answer(new DonorAnswer.Accept(donor, port.id(), List.of())).value();
    clock.set(scheduled.activationAt().orElseThrow());
    service.fireDueDeadlines();
    for (CarrierId carrier : regime.carriers().participants()) {
      service.acknowledgeRoute(carrier, port.id()).value();
    }
    return service.confirmDeactivation(donor, port.id()).value();
  }

  @Override
  public void close() {
    database.close();
  }
}
