package npc.core.porting;

import static npc.core.porting.CoreFixture.CBN;
import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;
import npc.core.storage.Database;
import npc.core.storage.RequestWrites;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraPortStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the service, each with its own session, on one keyspace: conflicting submissions race for the
 * same numbers, and retries land on either instance. On the shared node here; {@code ClusterInstancesIT} runs the
 * same tests on the 3-node cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentInstancesIT {
  private static final int NUMBERS = 20;
  private static final int SUBMISSIONS_PER_NUMBER = 10;
  private CoreFixture core;
  private Database second;
  private PortingService a;
  private PortingService b;

  /** A fresh keyspace with npc-core's schema, for the first instance. */
  Database freshDatabase(String purpose) {
    return TestCassandra.freshDatabase(purpose);
  }

  /** The same keyspace through a session of its own, for the second instance. */
  Database anotherSession(Database database) {
    return TestCassandra.anotherSession(database);
  }

  @BeforeAll
  void start() {
    core = new CoreFixture(freshDatabase("race"), "cn", "139");
    second = anotherSession(core.database);
    a = core.service;
    b = core.anotherInstance(second);
  }

  @AfterAll
  void stop() {
    second.close();
    core.close();
  }

  @Test
  void conflictingSubmissionsOpenExactlyOnePortPerNumberAndRetriesGetTheFirstAnswer() throws Exception {
    List<String> numbers = new ArrayList<>();
    Map<String, String> codes = new HashMap<>();
    for (int i = 0; i < NUMBERS; i++) {
      String number = core.freshNumber();
      numbers.add(number);
      codes.put(number, core.codeFor(CM, number));
    }
    CarrierId[] recipients = {CU, CT, CBN};
    List<SubmitPort> submissions = new ArrayList<>();
    for (String number : numbers) {
      for (int j = 0; j < SUBMISSIONS_PER_NUMBER; j++) {
        submissions.add(core.submission(recipients[j % recipients.length], "race-" + number + "-" + j, number,
            codes.get(number)));
      }
    }

    // A carrier whose call fails with an uncertain outcome (a timeout under contention) sends the same request again
    // with the same key, as the protocol tells it to, after a pause: a node may be reconnecting.
    Map<String, Integer> resent = new ConcurrentHashMap<>();
    BenchLifecycles.Sender carrier =
        new BenchLifecycles.Resending(10, Duration.ofMillis(300), () -> "race", resent);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<PortOutcome>> firsts = new ArrayList<>();
      for (int i = 0; i < submissions.size(); i++) {
        SubmitPort submission = submissions.get(i);
        PortingService instance = i % 2 == 0 ? a : b;
        firsts.add(pool.submit(() -> {
          go.await();
          return carrier.send("port request", () -> instance.submit(submission).value());
        }));
      }
      go.countDown();
      List<PortOutcome> answers = new ArrayList<>();
      for (Future<PortOutcome> f : firsts) {
        answers.add(f.get());
      }

      // Every key retried on the other instance, all at once.
      List<Future<PortOutcome>> retries = new ArrayList<>();
      for (int i = 0; i < submissions.size(); i++) {
        SubmitPort submission = submissions.get(i);
        PortingService other = i % 2 == 0 ? b : a;
        retries.add(pool.submit(() -> carrier.send("port request", () -> other.submit(submission).value())));
      }
      for (int i = 0; i < retries.size(); i++) {
        assertThat(retries.get(i).get()).as("retry of %s", submissions.get(i).idempotencyKey())
            .isEqualTo(answers.get(i));
      }

      CassandraPortStore store = new CassandraPortStore(core.database.session(), core.regime.numbers());
      for (String number : numbers) {
        List<PortOutcome> forNumber = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
          if (submissions.get(i).number().equals(number)) {
            forNumber.add(answers.get(i));
          }
        }
        List<PortOutcome> opened = forNumber.stream().filter(PortOutcome.Opened.class::isInstance).toList();
        assertThat(opened).as("ports opened for %s", number).hasSize(1);
        assertThat(forNumber).filteredOn(PortOutcome.RejectedByClearinghouse.class::isInstance)
            .hasSize(SUBMISSIONS_PER_NUMBER - 1)
            .allSatisfy(r -> assertThat(((PortOutcome.RejectedByClearinghouse) r).code())
                .isIn(RejectionCode.PORT_ALREADY_OPEN, RejectionCode.CODE_USED));
        NumberState state = store.number(core.regime.numbers().parse(number).orElseThrow());
        assertThat(state.openPort()).contains(opened.get(0).portId());
        assertThat(store.ports(core.regime.numbers().parse(number).orElseThrow())).hasSize(1);
      }
      System.out.printf("race: %d submissions and %d retries on 2 instances; %d calls retried after an "
          + "uncertain outcome%n", submissions.size(), submissions.size(),
          resent.values().stream().mapToInt(Integer::intValue).sum());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDonorsAnswerSentAgainToTheOtherInstanceGetsThePortAsItIsNotARefusal() {
    Port port = core.open(CM, CU, core.freshNumber()); // instance a remembers it waiting for its donor
    Port scheduled = b.answer(new DonorAnswer.Accept(CM, port.id(), List.of())).value();
    // The donor's connection to b was lost before the answer came back: it resends to a, whose memory is stale.
    Port again = a.answer(new DonorAnswer.Accept(CM, port.id(), List.of())).value();
    assertThat(again.state()).isEqualTo(PortState.SCHEDULED);
    assertThat(again.activationAt()).isEqualTo(scheduled.activationAt());
  }

  /**
   * Rounds of {@code instance}, as its timer runs them, until every port of {@code ports} is scheduled: a round the
   * database failed (two instances' Paxos rounds on the same lease rows time out on a busy cluster) is tried again
   * at the next tick. Each round that leaves a port unscheduled moves the clock on by a second, as a timer's rounds
   * come with time: units are shared out by lease rounds every third of a lease of the instances' clock, so with the
   * clock held still, a unit one instance gave up at its round, after the other's round had passed, would be held by
   * neither, and its ports never fired (seen once on CI). Returns the rounds that failed.
   */
  private int timer(PortingService instance, List<Port> ports) {
    int failed = 0;
    for (int round = 0; round < 100; round++) {
      if (ports.stream().allMatch(p -> instance.port(CU, p.id()).value().state() == PortState.SCHEDULED)) {
        return failed;
      }
      try {
        instance.fireDueDeadlines();
      } catch (RuntimeException e) {
        if (!RequestWrites.databaseFailed(e)) {
          throw e;
        }
        failed++;
        pause(100);
      }
      core.clock.advance(Duration.ofSeconds(1));
    }
    throw new AssertionError("not every port scheduled after 100 rounds, " + failed + " of them failed");
  }

  @Test
  void bothInstancesFiringTheSameDeadlinesActOnce() throws Exception {
    List<Port> ports = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ports.add(core.open(CM, CU, core.freshNumber()));
    }
    core.clock.set(ports.get(ports.size() - 1).donorDeadline());
    core.events.clear();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> both = List.of(() -> timer(a, ports), () -> timer(b, ports));
      for (Future<Integer> f : pool.invokeAll(both)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (Port port : ports) {
      assertThat(core.events.of(DomainEvent.DonorAnswered.class))
          .filteredOn(e -> e.port().id().equals(port.id()))
          .as("deemed acceptances of %s", port.id()).hasSize(1);
      assertThat(a.port(CU, port.id()).value().state()).isEqualTo(PortState.SCHEDULED);
    }
  }
  @Test
  void factsRecordedOnBothInstancesCompleteThePortAtTheNextRoundOfTheOneThatRecordedTheLast() {
    Port port = activatedPort();
    a.acknowledgeRoute(CM, port.id()).value();
    a.acknowledgeRoute(CU, port.id()).value();
    b.acknowledgeRoute(CT, port.id()).value();
    b.acknowledgeRoute(CBN, port.id()).value();

    Port last = b.confirmDeactivation(CM, port.id()).value();
    assertThat(last.state()).as("instance b has not seen a's facts").isEqualTo(PortState.ACTIVATED);
    b.fireDueDeadlines();
    assertThat(a.port(CU, port.id()).value().state()).isEqualTo(PortState.COMPLETED);
  }

  @Test
  void whenTheInstanceThatRecordedTheLastFactStopsBeforeItsRoundTheAckDeadlineCompletesThePortWithoutLaggards() {
    Port port = activatedPort();
    for (CarrierId carrier : List.of(CM, CU, CT, CBN)) {
      b.acknowledgeRoute(carrier, port.id()).value();
    }
    core.events.clear();
    b.confirmDeactivation(CM, port.id()).value(); // b saw every fact: it completes at once
    assertThat(a.port(CU, port.id()).value().state()).isEqualTo(PortState.COMPLETED);

    Port other = activatedPort();
    a.acknowledgeRoute(CM, other.id()).value();
    for (CarrierId carrier : List.of(CU, CT, CBN)) {
      b.acknowledgeRoute(carrier, other.id()).value();
    }
    a.confirmDeactivation(CM, other.id()).value(); // then a stops: its round never comes
    PortingService survivor = core.anotherInstance(second);
    core.clock.advance(core.regime.routingAck());
    survivor.fireDueDeadlines();

    assertThat(a.port(CU, other.id()).value().state()).isEqualTo(PortState.COMPLETED);
    assertThat(core.events.of(DomainEvent.LaggardsNamed.class)).noneMatch(e -> e.portId().equals(other.id()));
  }

  @Test
  void aSubmissionChecksAgainstTheNumberAsItIsWhenAnotherInstanceReplacedTheCodeThisOneIssued() {
    String number = core.freshNumber();
    a.issueCode(CM, number, CoreFixture.ALICE).value(); // a remembers the number with this code
    String replacement = b.issueCode(CM, number, CoreFixture.ALICE).value().code();

    PortOutcome outcome = a.submit(core.submission(CU, "replaced-" + number, number, replacement)).value();
    assertThat(outcome).isInstanceOf(PortOutcome.Opened.class);
  }

  /** A port of CM's opened by CU, accepted and activated by instance a. */
  private Port activatedPort() {
    Port port = core.open(CM, CU, core.freshNumber());
    Port scheduled = a.answer(new DonorAnswer.Accept(CM, port.id(), List.of())).value();
    Instant activation = scheduled.activationAt().orElseThrow();
    if (core.clock.instant().isBefore(activation)) {
      core.clock.set(activation);
    }
    a.fireDueDeadlines();
    assertThat(a.port(CU, port.id()).value().state()).isEqualTo(PortState.ACTIVATED);
    return port;
  }

  /**
   * The single-use code and the open port are two guards of one conditional write. The race above gives every racer
   * the same code, so either guard alone would pass it; these two take each guard away in turn.
   */
  @Test
  void theOpenPortGuardAloneStopsASecondPortWhoseCodeIsStillUnused() {
    CassandraPortStore store = new CassandraPortStore(second.session(), core.regime.numbers());
    String number = core.freshNumber();
    core.codeFor(CM, number);
    Msisdn msisdn = core.regime.numbers().parse(number).orElseThrow();
    NumberState seen = store.number(msisdn);
    Port first = Port.opened(UUID.randomUUID(), msisdn, "o1", "app", CU, CM, SubscriberType.INDIVIDUAL,
        core.clock.instant(), core.clock.instant().plusSeconds(1_800));
    assertThat(store.openPort(first, new byte[32], "guard-1", seen)).isEmpty();
    // Take the code guard away: the code reads as unused again, as if the single-use check were broken.
    assertThat(second.session().execute("UPDATE numbers SET code_used_by = null WHERE msisdn = ? IF open_port_id = ?",
        msisdn.toString(), first.id()).wasApplied()).isTrue();

    Port other = Port.opened(UUID.randomUUID(), msisdn, "o2", "app", CT, CM, SubscriberType.INDIVIDUAL,
        core.clock.instant(), core.clock.instant().plusSeconds(1_800));
    NumberState conflict = store.openPort(other, new byte[32], "guard-2", seen).orElseThrow();
    assertThat(conflict.openPort()).contains(first.id());
    assertThat(store.port(other.id())).as("the second port was never written").isEmpty();
  }

  @Test
  void theSingleUseCodeGuardAloneStopsAPortOnceTheNumberIsFreeAgain() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    Port first = ((PortOutcome.Opened) a.submit(core.submission(CU, "single-use-1-" + number, number, code)).value())
        .port();
    a.cancel(CU, first.id()).value(); // frees the number: the open-port guard no longer stops anything

    PortOutcome again = b.submit(core.submission(CT, "single-use-2-" + number, number, code)).value();
    assertThat(again).isInstanceOf(PortOutcome.RejectedByClearinghouse.class);
    assertThat(((PortOutcome.RejectedByClearinghouse) again).code()).isEqualTo(RejectionCode.CODE_USED);
  }
}
