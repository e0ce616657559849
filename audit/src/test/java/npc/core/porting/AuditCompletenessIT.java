package npc.core.porting;

import static npc.core.porting.CoreFixture.ALICE;
import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static npc.core.porting.CoreFixture.DIGESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import npc.core.audit.AuditTrail;
import npc.core.port.PortState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.record.AuditEntry;
import npc.audit.store.AuditSchema;
import npc.audit.store.CassandraAuditStore;
import npc.audit.testing.SampleExport;
import npc.audit.trail.CassandraIntents;
import npc.audit.trail.ChainTrail;
import npc.audit.trail.IntentSweeper;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditingPortStore;
import npc.core.audit.PortSteps;
import npc.core.audit.StepRow;
import npc.core.audit.ToldTimes;
import npc.core.deadline.DeadlineShare;
import npc.core.storage.Database;
import npc.core.storage.SchemaMigrations;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraAppliedSteps;
import npc.core.store.CassandraDeadlineStore;
import npc.core.store.CassandraPortStore;
import npc.core.store.CassandraRoutingLog;
import npc.core.store.CassandraStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing lost, nothing claimed that did not apply (audit/README.md), on the embedded node with the real intents
 * table, chains and sweeper. Instance A runs a whole lifecycle (code, submission, answer, scheduling, activation,
 * route change, every acknowledgement, deactivation, completion) over the crash-injecting store of
 * {@code CrashRecoveryIT} and dies right after one of its writes; instance B retries the step that died, carries the
 * port to completion and, after the grace period, sweeps. For every write of the lifecycle the record then holds
 * exactly the steps that applied, counted by distinct step id per kind: no fewer, no more.
 *
 * <p>It lives in the audit module, in the core's test package, because it needs both sides for real: the core's
 * crash-injecting store and fixture (the npc-core test-jar) and the audit's intents, chains and sweeper; npc-core
 * cannot depend on the audit.
 */
class AuditCompletenessIT {
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static CoreFixture core;
  private static CassandraAuditStore record;
  private static CrashingPortStore crashing;
  private static PortingService a;
  private static PortingService b;
  private static ChainAppender chainA;
  private static ChainAppender chainB;
  private static ChainTrail trailB;
  private static IntentSweeper sweeper;

  @BeforeAll
  static void start() {
    Database database = Database.open(TestCassandra.freshKeyspaceSettings("audit_complete"),
        List.of(SchemaMigrations.core(), AuditSchema.migrations()));
    core = new CoreFixture(database, "cn", "139");
    var session = database.session();
    record = new CassandraAuditStore(session);
    CheckpointPolicy policy = new CheckpointPolicy(1_000, Duration.ofHours(1));
    chainA = ChainAppender.open("a", record, SampleExport.signer(), core.clock, policy, 64);
    chainB = ChainAppender.open("b", record, SampleExport.signer(), core.clock, policy, 64);
    CassandraIntents intents = new CassandraIntents(session);
    ChainTrail trailA = new ChainTrail("a", chainA, intents, core.clock);
    trailB = new ChainTrail("b", chainB, intents, core.clock);
    crashing = new CrashingPortStore(new CassandraPortStore(session, core.regime.numbers()));
    a = audited(new AuditingPortStore(crashing, trailA, steps(), core.regime.numbers()), trailA);
    b = audited(new AuditingPortStore(new CassandraPortStore(session, core.regime.numbers()), trailB, steps(),
        core.regime.numbers()), trailB);
    sweeper = new IntentSweeper(intents, new CassandraAppliedSteps(session), chainB, core.clock, GRACE,
        Duration.ofDays(1));
  }

  @AfterAll
  static void stop() {
    chainA.close();
    chainB.close();
    core.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"storeCode", "claimRequest", "openPort", "transition:ACCEPTED", "transition:SCHEDULED",
      "activate", "fact:ACK", "fact:DEACTIVATED", "transition:COMPLETED"})
  void aLifecycleWhoseInstanceDiesAfterAnyWriteIsRecordedExactly(String write) {
    String number = core.freshNumber();
    Lifecycle life = new Lifecycle(number);
    crashing.crashAfter(write);
    int died = -1;
    for (int stage = 0; stage < life.stages.size(); stage++) {
      if (died < 0) {
        int current = stage;
        try {
          life.stages.get(stage).accept(a);
        } catch (CrashingPortStore.Crash crash) {
          died = current;
          life.stages.get(stage).accept(b); // the carrier, or the next deadline round, tries again on B
        }
      } else {
        life.stages.get(stage).accept(b);
      }
    }
    assertThat(died).as("A died after " + write).isNotNegative();
    core.clock.advance(Duration.ofSeconds(31)); // a route change A left unpublished is repaired
    b.fireDueDeadlines();
    b.fireDueDeadlines();
    core.clock.advance(GRACE.plusMinutes(1));
    sweeper.sweep();

    Map<AuditKind, Integer> expected = new HashMap<>(Map.of(AuditKind.CODE_ISSUED, 1, AuditKind.PORT_OPENED, 1,
        AuditKind.PORT_ACCEPTED, 1, AuditKind.PORT_SCHEDULED, 1, AuditKind.PORT_ACTIVATED, 1,
        AuditKind.ROUTE_CHANGED, 1, AuditKind.ROUTING_ACKNOWLEDGED, core.regime.carriers().participants().size(),
        AuditKind.DEACTIVATION_CONFIRMED, 1));
    // A port whose activating instance died completes with laggards when its facts came before B knew of it: either
    // way one completion applied, and it is the one the port's state shows.
    expected.put(b.port(CU, life.port.id()).value().state() == PortState.COMPLETED ? AuditKind.PORT_COMPLETED
        : AuditKind.PORT_COMPLETED_WITH_LAGGARDS, 1);
    if (write.equals("storeCode")) {
      expected.put(AuditKind.CODE_ISSUED, 2); // A's code applied though nobody learnt it; B issued another
    }
    assertThat(distinctStepsByKind(number)).as("steps recorded after a crash after " + write)
        .isEqualTo(expected);
  }

  @Test
  void anIntentWhoseWriteNeverAppliedMakesNoEntry() {
    Port port = core.open(CM, CU, core.freshNumber());
    AuditStep never = AuditStep.of(UUID.randomUUID(), AuditKind.PORT_ACCEPTED, core.clock.instant())
        .about(port.id().toString(), port.msisdn().toString()).withActor(CM)
        .withRow(new StepRow.PortRow(port.msisdn().toString(), port.id()));
    AuditTrail.await(trailB.intend(never)); // and the instance dies before its write
    core.clock.advance(GRACE.plusMinutes(1));
    sweeper.sweep();
    flush();
    assertThat(stepIds(port.msisdn().toString())).doesNotContain(never.id());
    assertThat(sweeper.sweep()).as("the intent is done: a second sweep finds nothing").isZero();
  }

  @Test
  void aFactWhoseInstanceDiesRightAfterItsWriteIsRecordedByTheSweepThoughNobodySendsItAgain() {
    String number = core.freshNumber();
    Lifecycle life = new Lifecycle(number);
    for (int stage = 0; stage < 4; stage++) { // code, submission, acceptance, activation: on B
      life.stages.get(stage).accept(b);
    }
    crashing.crashAfter("fact:ACK");
    assertThatThrownBy(() -> a.acknowledgeRoute(CU, life.port.id())).isInstanceOf(CrashingPortStore.Crash.class);
    // CU never hears back and never acknowledges again: only A's intent, written with the fact, tells of it.
    core.clock.advance(GRACE.plusMinutes(1));
    sweeper.sweep();
    flush();

    assertThat(entriesOf(core.regime.numbers().parse(number).orElseThrow().toString()))
        .filteredOn(e -> e.record().kind().equals(AuditKind.ROUTING_ACKNOWLEDGED.name()))
        .extracting(e -> e.record().actor().orElseThrow()).containsExactly("CU");
  }

  private static PortingService audited(AuditingPortStore store, ChainTrail trail) {
    var session = core.database.session();
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(session);
    return new PortingService(core.regime, store, deadlines, CassandraStores.deadlineShare(session, deadlines,
        DeadlineShare.DEFAULT_LEASE, core.clock), new CassandraRoutingLog(session, core.regime.numbers()),
        core.events, DIGESTER, core.clock, new SecureRandom(), trail);
  }

  private static PortSteps steps() {
    return new PortSteps(core.regime.routingAck(), ToldTimes.NONE, core.clock);
  }

  private static Map<AuditKind, Integer> distinctStepsByKind(String number) {
    flush();
    Map<AuditKind, Set<UUID>> steps = new HashMap<>();
    for (AuditEntry entry : entriesOf(core.regime.numbers().parse(number).orElseThrow().toString())) {
      steps.computeIfAbsent(AuditKind.valueOf(entry.record().kind()), k -> new HashSet<>())
          .add(entry.record().step());
    }
    Map<AuditKind, Integer> counts = new HashMap<>();
    steps.forEach((kind, ids) -> counts.put(kind, ids.size()));
    return counts;
  }

  private static Set<UUID> stepIds(String msisdn) {
    Set<UUID> ids = new HashSet<>();
    entriesOf(msisdn).forEach(e -> ids.add(e.record().step()));
    return ids;
  }

  private static List<AuditEntry> entriesOf(String msisdn) {
    List<AuditEntry> entries = new ArrayList<>();
    for (String chain : List.of(chainA.chainId(), chainB.chainId())) {
      Iterator<AuditEntry> it = record.entries(chain, 1);
      it.forEachRemaining(e -> {
        if (e.record().msisdn().filter(msisdn::equals).isPresent()) {
          entries.add(e);
        }
      });
    }
    return entries;
  }

  /** Waits until every entry appended so far is acknowledged by the database. */
  private static void flush() {
    for (ChainAppender chain : List.of(chainA, chainB)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (chain.acknowledgedHead().position() < chain.appended() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
  }

  /** One port's lifecycle, stage by stage; each stage may be run again on another instance after a crash. */
  private static final class Lifecycle {
    final List<Consumer<PortingService>> stages = new ArrayList<>();
    String code;
    Port port;

    Lifecycle(String number) {
      SubmitPort[] submission = new SubmitPort[1];
      stages.add(svc -> code = svc.issueCode(CM, number, ALICE).value().code());
      stages.add(svc -> {
        if (submission[0] == null) {
          submission[0] = core.submission(CU, "complete-" + number, number, code);
        }
        port = ((PortOutcome.Opened) svc.submit(submission[0]).value()).port();
      });
      stages.add(svc -> svc.answer(new DonorAnswer.Accept(CM, port.id(), List.of())));
      stages.add(svc -> {
        core.clock.set(core.regime.activation().activationTime(core.clock.instant()));
        svc.fireDueDeadlines();
      });
      stages.add(svc -> {
        for (var carrier : core.regime.carriers().participants()) {
          svc.acknowledgeRoute(carrier, port.id());
        }
      });
      stages.add(svc -> svc.confirmDeactivation(CM, port.id()));
    }
  }
}
