package npc.core.porting;

import static npc.core.porting.CoreFixture.ALICE;
import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.identity.SubscriberIdentity;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;
import npc.core.routing.RouteChange;
import npc.core.routing.RoutingDatabase;
import npc.core.store.CassandraRouteSnapshots;
import npc.core.store.CassandraRoutingLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole stories of the China regime on the real node: each test is one subscriber's port from start to end. */
class PortStoriesIT {
  private static CoreFixture core;
  private static CassandraRoutingLog log;

  @BeforeAll
  static void start() {
    core = new CoreFixture("stories", "cn", "138");
    log = new CassandraRoutingLog(core.database.session(), core.regime.numbers());
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  private static Msisdn msisdn(String number) {
    return core.regime.numbers().parse(number).orElseThrow();
  }

  @Test
  void aPortRunsFromSubmissionToCompletionAndChangesTheRoute() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    assertThat(opened.state()).isEqualTo(PortState.PENDING_DONOR);
    assertThat(opened.donor()).isEqualTo(CM);
    assertThat(opened.donorDeadline()).isEqualTo(core.clock.instant().plus(Duration.ofMinutes(30)));

    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of("FAMILY_PLAN_MEMBER")))
        .value();
    assertThat(scheduled.state()).isEqualTo(PortState.SCHEDULED);
    assertThat(scheduled.warnings()).containsExactly("FAMILY_PLAN_MEMBER");
    Instant activation = scheduled.activationAt().orElseThrow();
    assertThat(activation.getEpochSecond() % 3600).as("the next whole hour").isZero();

    long headBefore = log.head();
    core.clock.set(activation);
    core.service.fireDueDeadlines();
    Port activated = core.service.port(CU, opened.id()).value();
    assertThat(activated.state()).isEqualTo(PortState.ACTIVATED);
    List<RouteChange> changes = log.readAfter(headBefore, 10);
    assertThat(changes).singleElement().satisfies(change -> {
      assertThat(change.msisdn()).isEqualTo(msisdn(number));
      assertThat(change.carrier()).contains(CU);
      assertThat(change.routingNumber().orElseThrow().value()).isEqualTo("A1");
      assertThat(change.portId()).contains(opened.id());
    });

    for (CarrierId carrier : core.regime.carriers().participants()) {
      assertThat(core.service.acknowledgeRoute(carrier, opened.id()).value().state()).isEqualTo(PortState.ACTIVATED);
    }
    Port completed = core.service.confirmDeactivation(CM, opened.id()).value();
    assertThat(completed.state()).isEqualTo(PortState.COMPLETED);
    NumberState state = new npc.core.store.CassandraPortStore(core.database.session(), core.regime.numbers())
        .number(msisdn(number));
    assertThat(state.servingCarrier()).contains(CU);
    assertThat(state.openPort()).isEmpty();
    assertThat(state.lastPortedAt()).contains(activation);
  }

  @Test
  void donorSilencePastTheDeadlineIsDeemedAcceptance() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CT, number);
    core.clock.set(opened.donorDeadline().minusSeconds(1));
    core.service.fireDueDeadlines();
    assertThat(core.service.port(CT, opened.id()).value().state()).isEqualTo(PortState.PENDING_DONOR);

    core.clock.set(opened.donorDeadline());
    core.service.fireDueDeadlines();
    Port after = core.service.port(CT, opened.id()).value();
    assertThat(after.state()).isEqualTo(PortState.SCHEDULED);
    assertThat(core.events.of(DomainEvent.DonorAnswered.class))
        .anySatisfy(e -> {
          assertThat(e.port().id()).isEqualTo(opened.id());
          assertThat(e.deemed()).isTrue();
          assertThat(e.port().state()).isEqualTo(PortState.DEEMED_ACCEPTED);
        });
    Result<Port> late = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "100", "billing_period", "2026-10"), List.of()));
    assertThat(late).isInstanceOf(Refused.class);
    assertThat(((Refused<Port>) late).code()).as("late, whether or not a round deemed it accepted yet")
        .isEqualTo(RefusalCode.DEADLINE_PASSED);
    assertThat(after.deemed()).as("the deemed acceptance is recorded on the port").isTrue();

    core.clock.set(after.activationAt().orElseThrow());
    core.service.fireDueDeadlines();
    Port activated = core.service.port(CM, opened.id()).value();
    assertThat(activated.state()).isEqualTo(PortState.ACTIVATED);
    assertThat(activated.deemed()).as("and stays recorded after the port moves on").isTrue();
  }

  @Test
  void anAnswerAtTheDeadlinesInstantIsOnTimeAndNotDeemed() {
    Port opened = core.open(CM, CT, core.freshNumber());
    core.clock.set(opened.donorDeadline());
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    core.service.fireDueDeadlines();
    assertThat(scheduled.answeredAt()).contains(opened.donorDeadline());
    assertThat(core.service.port(CT, opened.id()).value().deemed())
        .as("answered at the boundary instant: an answer, not silence").isFalse();
  }

  @Test
  void aDonorToldLateThroughTheClearinghousesDelayKeepsItsWholeTimeToAnswer() {
    Port opened = core.open(CM, CU, core.freshNumber());
    assertThat(core.service.donorToldLate(opened.id(), Duration.ofSeconds(5)).value().donorDeadline())
        .as("ordinary delivery moves nothing").isEqualTo(opened.donorDeadline());

    Port extended = core.service.donorToldLate(opened.id(), Duration.ofSeconds(40)).value();
    assertThat(extended.donorDeadline()).isEqualTo(opened.donorDeadline().plusSeconds(40));
    assertThat(core.service.donorToldLate(opened.id(), Duration.ofSeconds(90)).value().donorDeadline())
        .as("once per port").isEqualTo(extended.donorDeadline());

    core.clock.set(opened.donorDeadline().plusSeconds(1));
    core.service.fireDueDeadlines();
    assertThat(core.service.port(CU, opened.id()).value().state()).as("not deemed at the first deadline")
        .isEqualTo(PortState.PENDING_DONOR);
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    assertThat(scheduled.deemed()).isFalse();
    assertThat(scheduled.state()).isEqualTo(PortState.SCHEDULED);
  }

  @Test
  void aDonorToldLateIsStillDeemedToAcceptWhenItsExtendedDeadlinePasses() {
    Port opened = core.open(CM, CU, core.freshNumber());
    Port extended = core.service.donorToldLate(opened.id(), Duration.ofSeconds(40)).value();
    core.clock.set(extended.donorDeadline());
    core.service.fireDueDeadlines();
    Port deemed = core.service.port(CU, opened.id()).value();
    assertThat(deemed.deemed()).isTrue();
    assertThat(deemed.answeredAt()).contains(extended.donorDeadline());
  }

  @Test
  void anAnswerReceivedByTheDeadlineIsInTimeThoughItWaitedOnTheClearinghousePastIt() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    Instant received = opened.donorDeadline().minusMillis(1);
    core.clock.set(opened.donorDeadline().plusSeconds(2)); // the answer waited for a worker; no round fired yet

    Port answered = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of()), received).value();
    assertThat(answered.deemed()).isFalse();
    Port other = core.open(CM, CU, core.freshNumber());
    core.clock.set(other.donorDeadline().plusSeconds(5));
    Result<Port> late = core.service.answer(new DonorAnswer.Accept(CM, other.id(), List.of()),
        other.donorDeadline().plusSeconds(1));
    assertThat(((Refused<Port>) late).code()).as("received after its own deadline: late however early it ran")
        .isEqualTo(RefusalCode.DEADLINE_PASSED);
  }

  @Test
  void aDeadlineRoundLeavesAPortWhoseAnswerReceivedInTimeStillWaitsToRunThenDeemsItOnceTheWaitIsOver() {
    Port opened = core.open(CM, CU, core.freshNumber());
    core.clock.set(opened.donorDeadline().minusMillis(1));
    Instant received = core.service.answerReceived(opened.id());
    core.clock.set(opened.donorDeadline().plusSeconds(2));
    core.service.fireDueDeadlines();
    assertThat(core.service.port(CU, opened.id()).value().deemed()).as("its answer waits for a worker").isFalse();

    Port answered = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of()), received).value();
    core.service.answerRan(opened.id(), received);
    assertThat(answered.state()).isEqualTo(PortState.SCHEDULED);

    Port silent = core.open(CM, CU, core.freshNumber());
    core.clock.set(silent.donorDeadline().minusMillis(1));
    core.service.answerReceived(silent.id()); // and never ran: refused for the carrier's quota, say
    core.clock.set(silent.donorDeadline().plus(PortingService.ANSWER_WAIT).plusSeconds(1));
    core.service.fireDueDeadlines();
    assertThat(core.service.port(CU, silent.id()).value().deemed()).as("an answer that never ran holds nothing")
        .isTrue();
  }

  @Test
  void aDeactivationIsRecordedAtTheMomentItWasReceivedNotWhenItWasProcessed() {
    Port activated = core.open(CM, CU, core.freshNumber());
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, activated.id(), List.of())).value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    core.service.fireDueDeadlines();
    Instant received = core.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    core.clock.advance(Duration.ofSeconds(7));

    core.service.confirmDeactivation(CM, activated.id(), received).value();
    assertThat(core.events.of(DomainEvent.PortFactRecorded.class))
        .anySatisfy(e -> {
          assertThat(e.portId()).isEqualTo(activated.id());
          assertThat(e.at()).isEqualTo(received);
        });
  }

  @Test
  void anAnswerAfterTheDeadlineIsRefusedEvenBeforeTheDeadlineFires() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    core.clock.set(opened.donorDeadline().plusMillis(1));
    Result<Port> late = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of()));
    assertThat(((Refused<Port>) late).code()).isEqualTo(RefusalCode.DEADLINE_PASSED);
    assertThat(core.service.port(CU, opened.id()).value().state()).isEqualTo(PortState.PENDING_DONOR);
  }

  @Test
  void aCodeExpiresAfterItsLifetime() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    core.clock.advance(Duration.ofMinutes(60));
    PortOutcome expired = core.service.submit(core.submission(CU, "expired-" + number, number, code)).value();
    assertThat(expired).isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
        r -> assertThat(r.code()).isEqualTo(RejectionCode.CODE_EXPIRED));

    core.service.fireDueDeadlines();
    assertThat(core.events.of(DomainEvent.CodeExpired.class)).anyMatch(e -> e.msisdn().equals(msisdn(number)));
    PortOutcome none = core.service.submit(core.submission(CU, "none-" + number, number, code)).value();
    assertThat(none).isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
        r -> assertThat(r.code()).isEqualTo(RejectionCode.NO_CODE));
  }

  @Test
  void aCodeIsBoundToItsSubscriberAndUsedOnce() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    SubmitPort stranger = new SubmitPort(CU, "stranger-" + number, number, "o1", "app", SubscriberType.INDIVIDUAL,
        new SubscriberIdentity("Li Na", "110101198001011111"), code);
    assertThat(core.service.submit(stranger).value()).isInstanceOfSatisfying(
        PortOutcome.RejectedByClearinghouse.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.CODE_MISMATCH));

    Port opened = ((PortOutcome.Opened) core.service.submit(core.submission(CU, "first-" + number, number, code))
        .value()).port();
    core.service.cancel(CU, opened.id()).value();
    assertThat(core.service.submit(core.submission(CT, "again-" + number, number, code)).value())
        .isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
            r -> assertThat(r.code()).isEqualTo(RejectionCode.CODE_USED));
  }

  @Test
  void oneOpenPortPerNumber() {
    String number = core.freshNumber();
    Port first = core.open(CM, CU, number);
    String code = core.service.issueCode(CM, number, ALICE) instanceof Refused<IssuedCode> r ? r.code().name() : "";
    assertThat(code).as("no new code while a port is open").isEqualTo("NUMBER_HAS_OPEN_PORT");
    assertThat(first.state()).isEqualTo(PortState.PENDING_DONOR);
  }

  @Test
  void theSubscriberCancelsThroughTheRecipientBeforeActivation() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    assertThat(((Refused<Port>) core.service.cancel(CT, opened.id())).code()).as("a carrier no party to the port is told "
        + "nothing of it").isEqualTo(RefusalCode.UNKNOWN_PORT);
    Port cancelled = core.service.cancel(CU, opened.id()).value();
    assertThat(cancelled.state()).isEqualTo(PortState.CANCELLED);
    assertThat(((Refused<Port>) core.service.cancel(CU, opened.id())).code()).isEqualTo(RefusalCode.PORT_ENDED);
    // The number is free again: a new code and a new port.
    assertThat(core.open(CM, CT, number).state()).isEqualTo(PortState.PENDING_DONOR);
  }

  @Test
  void aPortCannotBeCancelledOnceActivated() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    core.service.fireDueDeadlines();
    assertThat(((Refused<Port>) core.service.cancel(CU, opened.id())).code())
        .isEqualTo(RefusalCode.NOT_ALLOWED_IN_STATE);
  }

  @Test
  void carriersThatDoNotAcknowledgeInTimeAreNamed() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    core.service.fireDueDeadlines();
    core.service.acknowledgeRoute(CU, opened.id()).value();
    core.service.acknowledgeRoute(CT, opened.id()).value();
    core.clock.advance(Duration.ofMinutes(15));
    core.service.fireDueDeadlines();
    Port ended = core.service.port(CU, opened.id()).value();
    assertThat(ended.state()).isEqualTo(PortState.COMPLETED_WITH_LAGGARDS);
    assertThat(ended.laggards()).as("each laggard with the facts it missed").isEqualTo(Map.of(
        CM, Set.of(Port.ACK, Port.DEACTIVATED), new CarrierId("CBN"), Set.of(Port.ACK)));
  }

  @Test
  void aRoutingDeadlineRoundLeavesAPortWhoseFactsReceivedInTimeWaitToBeRecordedThenNamesOnlyWhoNeverSentThem() {
    Port opened = core.open(CM, CU, core.freshNumber());
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of())).value();
    core.clock.set(scheduled.activationAt().orElseThrow());
    core.service.fireDueDeadlines();
    for (CarrierId carrier : List.of(CU, CT)) {
      core.service.acknowledgeRoute(carrier, opened.id()).value();
    }
    core.clock.advance(Duration.ofMinutes(15).minusMillis(1));
    Instant ack = core.service.factReceived(CM, opened.id(), Port.ACK); // both wait for a thread
    Instant deactivation = core.service.factReceived(CM, opened.id(), Port.DEACTIVATED);
    core.clock.advance(Duration.ofSeconds(2));
    core.service.fireDueDeadlines();
    assertThat(core.service.port(CU, opened.id()).value().state()).as("its facts wait to be recorded")
        .isEqualTo(PortState.ACTIVATED);

    core.service.acknowledgeRoute(CM, opened.id(), ack).value();
    core.service.factRecorded(CM, opened.id(), Port.ACK, ack);
    core.service.confirmDeactivation(CM, opened.id(), deactivation).value();
    core.service.factRecorded(CM, opened.id(), Port.DEACTIVATED, deactivation);
    core.clock.advance(Duration.ofSeconds(2));
    core.service.fireDueDeadlines();
    Port ended = core.service.port(CU, opened.id()).value();
    assertThat(ended.state()).isEqualTo(PortState.COMPLETED_WITH_LAGGARDS);
    assertThat(ended.laggards()).as("only the carrier that never acknowledged")
        .isEqualTo(Map.of(new CarrierId("CBN"), Set.of(Port.ACK)));
  }

  @Test
  void aDonorRejectsOnlyForAListedReasonWithSoundEvidence() {
    String number = core.freshNumber();
    Port opened = core.open(CM, CU, number);
    Result<Port> offList = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "RING_BACK_TONE_ACTIVE",
        Map.of(), List.of()));
    assertThat(((Refused<Port>) offList).code()).isEqualTo(RefusalCode.REASON_NOT_ON_LIST);
    assertThat(core.events.of(DomainEvent.RuleViolation.class))
        .anyMatch(v -> v.portId().equals(Optional.of(opened.id())) && v.rule().equals("REASON_NOT_ON_LIST"));

    Result<Port> zero = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "0", "billing_period", "2026-10"), List.of()));
    assertThat(((Refused<Port>) zero).code()).isEqualTo(RefusalCode.EVIDENCE_INVALID);
    assertThat(((Refused<Port>) zero).detail()).contains("amount_fen must be greater than zero");

    Result<Port> lock = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "LOCK_PERIOD", Map.of(),
        List.of()));
    assertThat(((Refused<Port>) lock).code()).isEqualTo(RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE);

    Result<Port> identity = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "NOT_REAL_NAME",
        Map.of("mismatch", "IDENTITY_MISMATCH"), List.of()));
    assertThat(((Refused<Port>) identity).code()).as("the port opened with a code bound to the identity CM gave")
        .isEqualTo(RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE);
    assertThat(core.events.of(DomainEvent.RuleViolation.class)).anyMatch(v -> v.portId().equals(
        Optional.of(opened.id())) && v.rule().equals("REASON_CONTRADICTED_BY_CLEARINGHOUSE")
        && v.detail().contains("NOT_REAL_NAME"));

    Result<Port> notDonor = core.service.answer(new DonorAnswer.Accept(CT, opened.id(), List.of()));
    assertThat(((Refused<Port>) notDonor).code()).isEqualTo(RefusalCode.UNKNOWN_PORT);
    assertThat(core.service.port(CU, opened.id()).value().state()).as("nothing written").isEqualTo(
        PortState.PENDING_DONOR);

    Port rejected = core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "12800", "billing_period", "2026-10"), List.of())).value();
    assertThat(rejected.state()).isEqualTo(PortState.REJECTED_BY_DONOR);
    assertThat(rejected.reason()).contains("UNPAID_CHARGES");
    assertThat(rejected.evidence()).containsEntry("amount_fen", "12800");
  }

  @Test
  void theDonorsAnswerSentAgainGetsThePortAsItIsAndChangesNothingWhileAnotherAnswerIsRefused() {
    Port accepted = core.open(CM, CU, core.freshNumber());
    Port scheduled = core.service.answer(new DonorAnswer.Accept(CM, accepted.id(), List.of())).value();
    int answers = core.events.of(DomainEvent.DonorAnswered.class).size();
    Port again = core.service.answer(new DonorAnswer.Accept(CM, accepted.id(), List.of())).value();
    assertThat(again.state()).as("the accept sent again").isEqualTo(PortState.SCHEDULED);
    assertThat(again.activationAt()).isEqualTo(scheduled.activationAt());
    assertThat(((Refused<Port>) core.service.answer(new DonorAnswer.Reject(CM, accepted.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "12800", "billing_period", "2026-10"), List.of()))).code())
        .as("a rejection after the acceptance").isEqualTo(RefusalCode.NOT_ALLOWED_IN_STATE);

    Port opened = core.open(CM, CT, core.freshNumber());
    DonorAnswer.Reject reject = new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "12800", "billing_period", "2026-10"), List.of());
    core.service.answer(reject).value();
    assertThat(core.service.answer(reject).value().state()).as("the rejection sent again")
        .isEqualTo(PortState.REJECTED_BY_DONOR);
    assertThat(((Refused<Port>) core.service.answer(new DonorAnswer.Reject(CM, opened.id(), "UNPAID_CHARGES",
        Map.of("amount_fen", "99900", "billing_period", "2026-10"), List.of()))).code())
        .as("a rejection with other evidence").isEqualTo(RefusalCode.PORT_ENDED);
    assertThat(((Refused<Port>) core.service.answer(new DonorAnswer.Accept(CM, opened.id(), List.of()))).code())
        .as("an acceptance after the rejection").isEqualTo(RefusalCode.PORT_ENDED);
    assertThat(core.events.of(DomainEvent.DonorAnswered.class)).as("answers recorded").hasSize(answers + 1);
  }

  @Test
  void aPortedNumberCannotBePortedAgainWithinTheLockPeriod() {
    String number = core.freshNumber();
    core.complete(CM, CU, number);
    String code = core.codeFor(CU, number);
    PortOutcome locked = core.service.submit(core.submission(CT, "lock-" + number, number, code)).value();
    assertThat(locked).isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
        r -> assertThat(r.code()).isEqualTo(RejectionCode.LOCK_PERIOD));
  }

  @Test
  void aReturnedNumberGoesBackToItsRangeHolder() {
    String number = core.freshNumber();
    core.complete(CM, CU, number);
    assertThat(((Refused<RouteChange>) core.service.returnNumber(CT, number)).code())
        .isEqualTo(RefusalCode.NOT_THE_SERVING_CARRIER);
    RouteChange change = core.service.returnNumber(CU, number).value();
    assertThat(change.carrier()).isEmpty();
    assertThat(change.version()).isEqualTo(2);
    assertThat(log.readAfter(change.position() - 1, 1)).containsExactly(change);
    assertThat(((Refused<RouteChange>) core.service.returnNumber(CU, number)).code())
        .isEqualTo(RefusalCode.NOT_ALLOWED_IN_STATE);
  }

  @Test
  void aRegulatorApprovedReversalRoutesTheNumberBackToTheDonor() {
    String number = core.freshNumber();
    Port completed = core.complete(CM, CU, number);
    Port reversed = core.service.reverse(completed.id(), "MIIT-2026-0042", "REGULATOR:test").value();
    assertThat(reversed.state()).isEqualTo(PortState.REVERSED);
    RouteChange back = core.events.of(DomainEvent.RouteChanged.class).stream().map(DomainEvent.RouteChanged::change)
        .filter(c -> c.msisdn().equals(msisdn(number))).reduce((a, b) -> b).orElseThrow();
    assertThat(back.carrier()).contains(CM);
    assertThat(back.version()).isEqualTo(2);
    assertThat(((Refused<Port>) core.service.reverse(completed.id(), "again", "REGULATOR:test")).code())
        .isEqualTo(RefusalCode.PORT_ENDED);
  }

  @Test
  void badInputIsRefusedWithItsCodeAndWritesNothing() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    assertRefused(core.service.submit(core.submission(CU, "k1", "12345", code)), RefusalCode.INVALID_NUMBER);
    assertRefused(core.service.submit(core.submission(new CarrierId("XX"), "k1", number, code)),
        RefusalCode.UNKNOWN_CARRIER);
    assertRefused(core.service.submit(core.submission(new CarrierId("SAT"), "k1", number, code)),
        RefusalCode.NOT_A_PARTICIPANT);
    assertRefused(core.service.submit(core.submission(CM, "k1", number, code)), RefusalCode.RECIPIENT_ALREADY_SERVES);
    assertRefused(core.service.submit(core.submission(CU, "bad key with spaces", number, code)),
        RefusalCode.INVALID_REQUEST);
    assertRefused(core.service.submit(core.submission(CU, "k".repeat(65), number, code)), RefusalCode.INVALID_REQUEST);
    // None of these claimed the key or the code: the real request still opens the port.
    PortOutcome ok = core.service.submit(core.submission(CU, "k1", number, code)).value();
    assertThat(ok).isInstanceOf(PortOutcome.Opened.class);
  }

  @Test
  void aRetryGetsTheFirstAnswerFieldForFieldWhateverTheClocksPrecision() {
    core.clock.advance(Duration.ofNanos(123_456_789)); // a clock finer than what Cassandra keeps
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    PortOutcome first = core.service.submit(core.submission(CU, "precise-1", number, code)).value();
    PortOutcome retry = core.anotherInstance(core.database).submit(core.submission(CU, "precise-1", number, code))
        .value();
    assertThat(retry).as("the retry, read back on another instance, equals the first answer").isEqualTo(first);
  }

  @Test
  void aRetryGetsTheFirstAnswerAndAReusedKeyIsRefused() {
    String number = core.freshNumber();
    String code = core.codeFor(CM, number);
    PortOutcome first = core.service.submit(core.submission(CU, "retry-1", number, code)).value();
    PortOutcome retry = core.service.submit(core.submission(CU, "retry-1", number, code)).value();
    assertThat(retry.portId()).isEqualTo(first.portId());
    assertThat(retry).isInstanceOf(PortOutcome.Opened.class);
    assertRefused(core.service.submit(core.submission(CU, "retry-1", core.freshNumber(), code)),
        RefusalCode.IDEMPOTENCY_KEY_REUSED);

    String other = core.freshNumber();
    PortOutcome rejected = core.service.submit(core.submission(CU, "retry-2", other, "000000")).value();
    assertThat(rejected).isInstanceOf(PortOutcome.RejectedByClearinghouse.class);
    core.codeFor(CM, other); // the situation changes, but a retry still gets the first answer
    assertThat(core.service.submit(core.submission(CU, "retry-2", other, "000000")).value()).isEqualTo(rejected);
  }

  @Test
  void nonPortableBlocksAreRejectedByTheClearinghouse() {
    assertRefused(core.service.issueCode(new CarrierId("SAT"), "13490000001", ALICE), RefusalCode.NOT_A_PARTICIPANT);
    // A satellite number cannot get a code from a participant either, and so cannot be ported.
    assertRefused(core.service.issueCode(CM, "13490000001", ALICE), RefusalCode.NOT_THE_SERVING_CARRIER);
    assertThat(core.service.submit(core.submission(CU, "sat-1", "13490000001", "123456")).value())
        .isInstanceOfSatisfying(PortOutcome.RejectedByClearinghouse.class,
            r -> assertThat(r.code()).isEqualTo(RejectionCode.NON_PORTABLE_RANGE));
  }

  @Test
  void anEligibilityQueryIsAnsweredOrExpires() {
    String number = core.freshNumber();
    EligibilityQuery query = core.query(CU, number, SubscriberType.INDIVIDUAL).value();
    assertThat(query.donor()).isEqualTo(CM);
    assertRefused(core.service.answerEligibility(CT, query.id(), Map.of(), List.of()), RefusalCode.UNKNOWN_QUERY);
    EligibilityQuery answered = core.service.answerEligibility(CM, query.id(),
        Map.of("BINDING_TERM_ACTIVE", Map.of("agreement_id", "HY-1", "end_date", "2027-06-30")),
        List.of("VALUE_ADDED_SERVICES")).value();
    assertThat(answered.eligible()).contains(false);
    assertThat(answered.reasons()).containsKey("BINDING_TERM_ACTIVE");

    EligibilityQuery silent = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    core.clock.set(silent.deadline());
    core.service.fireDueDeadlines();
    assertThat(core.events.of(DomainEvent.EligibilityExpired.class)).anyMatch(e -> e.query().id().equals(silent.id()));
    assertRefused(core.service.answerEligibility(CM, silent.id(), Map.of(), List.of()),
        RefusalCode.DEADLINE_PASSED);
  }

  @Test
  void theInMemoryRoutingDatabaseIsRebuiltFromCassandraAndFollowsTheLog() {
    String ported = core.freshNumber();
    String returned = core.freshNumber();
    String reversed = core.freshNumber();
    core.complete(CM, CU, ported);
    core.complete(CM, CT, returned);
    core.service.returnNumber(CT, returned).value();
    Port wrong = core.complete(CM, CU, reversed);
    core.service.reverse(wrong.id(), "MIIT-2026-0043", "REGULATOR:test").value();

    RoutingDatabase routes = RoutingDatabase.load(core.regime.numbers(), core.regime.carriers(),
        new CassandraRouteSnapshots(core.database.session(), core.regime.numbers()), log);
    assertThat(routes.position()).isEqualTo(log.head());
    assertThat(routes.servingCarrier(msisdn(ported))).contains(CU);
    assertThat(routes.servingCarrier(msisdn(returned))).as("back with its range holder").contains(CM);
    assertThat(routes.servingCarrier(msisdn(reversed))).contains(CM);
    assertThat(routes.servingCarrier(msisdn(core.freshNumber()))).as("never ported").contains(CM);
    assertThat(routes.servingCarrier(core.regime.numbers().parse("15312345678").orElseThrow())).contains(CT);

    String later = core.freshNumber();
    core.complete(CM, CT, later);
    assertThat(routes.servingCarrier(msisdn(later))).as("not yet replayed").contains(CM);
    assertThat(routes.catchUp()).isEqualTo(1);
    assertThat(routes.servingCarrier(msisdn(later))).contains(CT);
  }

  private static void assertRefused(Result<?> result, RefusalCode code) {
    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(code));
  }
}
