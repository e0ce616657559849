package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.event.DomainEvent;
import npc.core.port.PortState;
import npc.core.routing.RouteChange;
import npc.core.deadline.DeadlineShare;
import npc.core.store.CassandraDeadlineStore;
import npc.core.store.CassandraStores;
import npc.core.store.CassandraPortStore;
import npc.core.store.CassandraRoutingLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instance A stops between two steps of a port; instance B, on the same keyspace, fires the deadlines. Nothing is
 * lost (the port reaches the state it should) and nothing is doubled (one route change, one answer).
 */
class CrashRecoveryIT {
  private static CoreFixture core;
  private static CrashingPortStore crashing;
  private static PortingService a;
  private static PortingService b;
  private static CassandraRoutingLog log;

  @BeforeAll
  static void start() {
    core = new CoreFixture("crash", "cn", "137");
    crashing = new CrashingPortStore(new CassandraPortStore(core.database.session(), core.regime.numbers()));
    log = new CassandraRoutingLog(core.database.session(), core.regime.numbers());
    CassandraDeadlineStore deadlines = new CassandraDeadlineStore(core.database.session());
    a = new PortingService(core.regime, crashing, deadlines, CassandraStores.deadlineShare(core.database.session(),
        deadlines, DeadlineShare.DEFAULT_LEASE, core.clock), new CassandraRoutingLog(core.database.session(), core.regime.numbers()), core.events, CoreFixture.DIGESTER,
        core.clock, new SecureRandom());
    b = core.service;
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void anInstanceThatStopsAfterAcceptingLeavesTheSchedulingToTheActivationDeadline() {
    Port opened = core.open(CM, CU, core.freshNumber());
    crashing.crashAfter("transition:ACCEPTED");
    assertThatThrownBy(() -> a.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())))
        .isInstanceOf(CrashingPortStore.Crash.class);
    assertThat(b.port(CU, opened.id()).value().state()).isEqualTo(PortState.ACCEPTED);

    core.clock.advance(Duration.ofHours(1));
    b.fireDueDeadlines();
    assertThat(b.port(CU, opened.id()).value().state()).isEqualTo(PortState.ACTIVATED);
    assertThat(routeChangesOf(opened.id())).hasSize(1);
  }

  @Test
  void anInstanceThatStopsAfterActivatingHasItsRouteChangePublishedByAnother() {
    Port opened = core.open(CM, CU, core.freshNumber());
    Port scheduled = b.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    crashing.crashAfter("activate");
    assertThatThrownBy(a::fireDueDeadlines).isInstanceOf(CrashingPortStore.Crash.class);
    assertThat(routeChangesOf(opened.id())).as("A stopped before publishing").isEmpty();

    b.fireDueDeadlines();
    assertThat(routeChangesOf(opened.id())).as("not yet due").isEmpty();
    core.clock.advance(Duration.ofSeconds(30));
    b.fireDueDeadlines();
    b.fireDueDeadlines();
    assertThat(routeChangesOf(opened.id())).hasSize(1);
    assertThat(b.port(CU, opened.id()).value().state()).isEqualTo(PortState.ACTIVATED);
    assertThat(core.events.of(DomainEvent.PortActivated.class)).filteredOn(e -> e.port().id().equals(opened.id()))
        .as("published by B, since A stopped first").hasSize(1);
  }

  @Test
  void anInstanceThatStopsAfterOpeningAPortAnswersTheRetryWithThatPort() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    SubmitPort submission = core.submission(CU, "crash-open", number, code);
    crashing.crashAfter("openPort");
    assertThatThrownBy(() -> a.submit(submission)).isInstanceOf(CrashingPortStore.Crash.class);

    core.events.clear();
    PortOutcome retried = b.submit(submission).value();
    assertThat(retried).isInstanceOf(PortOutcome.Opened.class);
    assertThat(core.events.of(DomainEvent.PortOpened.class)).as("the donor is told on the retry")
        .singleElement().satisfies(e -> assertThat(e.port().id()).isEqualTo(retried.portId()));
    assertThat(retried.portId()).as("the port the first attempt opened")
        .isEqualTo(numberState(number).openPort().orElseThrow());
    assertThat(b.submit(submission).value()).isEqualTo(retried);
  }

  @Test
  void anInstanceThatStopsAfterClaimingTheKeyLeavesTheDecisionToTheRetryUnderTheClaimedPortId() {
    String number = core.freshNumber();
    SubmitPort submission = core.submission(CU, "crash-claim", number, core.codeFor(CM, number));
    crashing.crashAfter("claimRequest");
    assertThatThrownBy(() -> a.submit(submission)).isInstanceOf(CrashingPortStore.Crash.class);
    UUID claimed = core.database.session().execute("SELECT port_id FROM requests WHERE carrier = ? "
        + "AND idempotency_key = ?", CU.value(), "crash-claim").one().getUuid("port_id");
    assertThat(numberState(number).openPort()).as("A stopped before deciding").isEmpty();

    PortOutcome retried = b.submit(submission).value();
    assertThat(retried).isInstanceOf(PortOutcome.Opened.class);
    assertThat(retried.portId()).isEqualTo(claimed);
    assertThat(numberState(number).openPort()).contains(claimed);
    assertThat(a.submit(submission).value()).isEqualTo(retried);
  }

  @Test
  void anInstanceThatStopsAfterDeemingAcceptanceLeavesNoPortBehind() {
    Port opened = core.open(CM, CU, core.freshNumber());
    core.clock.set(opened.donorDeadline());
    crashing.crashAfter("transition:DEEMED_ACCEPTED");
    assertThatThrownBy(a::fireDueDeadlines).isInstanceOf(CrashingPortStore.Crash.class);
    assertThat(b.port(CU, opened.id()).value().state()).isEqualTo(PortState.DEEMED_ACCEPTED);

    core.clock.advance(Duration.ofHours(1));
    b.fireDueDeadlines();
    assertThat(b.port(CU, opened.id()).value().state()).isEqualTo(PortState.ACTIVATED);
    assertThat(core.events.of(DomainEvent.DonorAnswered.class)).filteredOn(e -> e.port().id().equals(opened.id()))
        .as("one deemed acceptance").hasSize(1);
    assertThat(routeChangesOf(opened.id())).hasSize(1);
  }

  @Test
  void anInstanceThatStopsAfterReversingHasTheRouteBackPublishedByAnother() {
    String number = core.freshNumber();
    Port completed = core.complete(CM, CU, number);
    crashing.crashAfter("reverse");
    assertThatThrownBy(() -> a.reverse(completed.id(), "MIIT-2026-0101", "REGULATOR:test"))
        .isInstanceOf(CrashingPortStore.Crash.class);
    assertThat(routesOf(number)).as("A stopped before publishing the reversal").extracting(RouteChange::version)
        .containsExactly(1L);

    core.clock.advance(Duration.ofSeconds(30));
    b.fireDueDeadlines();
    b.fireDueDeadlines();
    assertThat(routesOf(number)).as("B published the route back to the donor, once")
        .extracting(RouteChange::version, RouteChange::carrier)
        .containsExactly(tuple(1L, Optional.of(CU)), tuple(2L, Optional.of(CM)));
    assertThat(b.port(CU, completed.id()).value().reversalReference()).contains("MIIT-2026-0101");
  }

  @Test
  void anInstanceThatStopsAfterANumbersReturnHasItPublishedByAnother() {
    String number = core.freshNumber();
    core.complete(CM, CU, number);
    crashing.crashAfter("return");
    assertThatThrownBy(() -> a.returnNumber(CU, number)).isInstanceOf(CrashingPortStore.Crash.class);
    assertThat(routesOf(number)).as("A stopped before publishing the return").hasSize(1);

    core.clock.advance(Duration.ofSeconds(30));
    b.fireDueDeadlines();
    b.fireDueDeadlines();
    assertThat(routesOf(number)).as("B published the return to the range holder, once")
        .extracting(RouteChange::version, RouteChange::carrier)
        .containsExactly(tuple(1L, Optional.of(CU)), tuple(2L, Optional.empty()));
  }

  private static NumberState numberState(String number) {
    return new CassandraPortStore(core.database.session(), core.regime.numbers())
        .number(core.regime.numbers().parse(number).orElseThrow());
  }

  private static List<RouteChange> routesOf(String number) {
    return log.readAfter(0, 10_000).stream().filter(c -> c.msisdn().toString().endsWith(number)).toList();
  }

  private static List<RouteChange> routeChangesOf(UUID portId) {
    return log.readAfter(0, 10_000).stream().filter(c -> c.portId().equals(Optional.of(portId))).toList();
  }
}
