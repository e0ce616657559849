package npc.simulator.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import npc.simulator.regime.Regime;
import npc.simulator.regime.Regimes;
import npc.simulator.scenario.CarrierSpec;
import npc.simulator.scenario.Tactic;
import npc.simulator.scenario.TacticSpec;
import npc.simulator.scenario.TacticSpec.EvidenceKind;
import org.junit.jupiter.api.Test;

class CarrierTest {

  private static final Regime DEMO = Regimes.builtIn("demo").orElseThrow();
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
  private static final int N = 20_000;
  private static final int UNPAID = index("UNPAID_CHARGES");
  private static final int TERM = index("BINDING_TERM_ACTIVE");

  private static int index(String code) {
    return DEMO.conditions().stream().map(r -> r.code()).toList().indexOf(code);
  }

  private static Carrier carrier(TacticSpec... tactics) {
    CarrierSpec h = CarrierSpec.HONEST;
    return new Carrier("CM", new CarrierSpec(h.answerTime(), h.eligibilityAnswerTime(), h.routingAckTime(),
        h.deactivationTime(), 20, List.of(tactics)), DEMO, 11);
  }

  private static Case clean(int subscriber) {
    return new Case(subscriber, 0, -1, TODAY);
  }

  @Test
  void anHonestCarrierAnswersByTheTruthAndTouchesNothing() {
    Carrier honest = carrier();
    for (int i = 0; i < 1000; i++) {
      Decision ok = honest.answerPort(clean(i));
      assertThat(ok.answer()).isEqualTo(Answer.ACCEPT);
      assertThat(ok.firstTry()).isEmpty();
      assertThat(ok.touched()).isEmpty();
      Decision unpaid = honest.answerPort(new Case(i, 0, UNPAID, TODAY));
      assertThat(unpaid.answer().kind()).isEqualTo(Answer.Kind.REJECT);
      assertThat(unpaid.answer().reason()).isEqualTo("UNPAID_CHARGES");
      assertThat(unpaid.answer().evidence()).containsEntry("billing_period", "2026-11")
          .containsKey("amount_fen");
      assertThat(unpaid.touched()).isEmpty();
      assertThat(honest.answerQuery(new Case(i, 0, UNPAID, TODAY)).answer().reason()).isEqualTo("UNPAID_CHARGES");
      assertThat(honest.answerQuery(clean(i)).answer()).isEqualTo(Answer.ACCEPT);
    }
  }

  @Test
  void anHonestTermEndsWithinDaysSoThatAnAcceptanceAfterItIsNoReversal() {
    Carrier honest = carrier();
    for (int i = 0; i < 1000; i++) {
      LocalDate end = LocalDate.parse(honest.answerPort(new Case(i, 0, TERM, TODAY)).answer()
          .evidence().get("end_date"));
      assertThat(end).isAfter(TODAY.plusDays(1)).isBefore(TODAY.plusDays(30));
    }
  }

  @Test
  void falseReasonRejectsThatShareOfCleanSubscribersWithOverdueMadeUpEvidence() {
    Carrier liar = carrier(new TacticSpec.FalseReason(0.1, "UNPAID_CHARGES", 0.5, EvidenceKind.FRESH));
    int rejected = 0;
    int liedAtQuery = 0;
    int eligibleThenRejected = 0;
    int rejectedOnRetry = 0;
    for (int i = 0; i < N; i++) {
      Decision d = liar.answerPort(clean(i));
      Decision q = liar.answerQuery(clean(i));
      if (d.answer().kind() == Answer.Kind.REJECT) {
        rejected++;
        assertThat(d.touched()).containsExactly(Tactic.FALSE_REASON);
        assertThat(YearMonth.parse(d.answer().evidence().get("billing_period")))
            .isBeforeOrEqualTo(YearMonth.from(TODAY).minusMonths(3));
        if (q.answer().kind() == Answer.Kind.REJECT) {
          liedAtQuery++;
        } else {
          eligibleThenRejected++;
        }
      } else {
        assertThat(q.answer()).as("it lies at the query only about the attempts it targets").isEqualTo(Answer.ACCEPT);
      }
      rejectedOnRetry += liar.answerPort(new Case(i, 1, -1, TODAY)).answer().kind() == Answer.Kind.REJECT ? 1 : 0;
    }
    assertThat(rejected / (double) N).isCloseTo(0.1, within(0.01));
    assertThat(liedAtQuery / (double) rejected).isCloseTo(0.5, within(0.05));
    assertThat(eligibleThenRejected).isPositive();
    assertThat(rejectedOnRetry / (double) N).isCloseTo(0.1, within(0.01));
  }

  @Test
  void falseReasonLeavesSubscribersWithARealConditionToTheHonestAnswer() {
    Carrier liar = carrier(new TacticSpec.FalseReason(1, "BINDING_TERM_ACTIVE", 1, EvidenceKind.FRESH));
    Decision d = liar.answerPort(new Case(3, 0, UNPAID, TODAY));
    assertThat(d.answer().reason()).isEqualTo("UNPAID_CHARGES");
    assertThat(d.touched()).isEmpty();
  }

  @Test
  void reusedEvidenceCitesOneAgreementForEveryNumberAndFreshANewOne() {
    Carrier reuses = carrier(new TacticSpec.FalseReason(1, "BINDING_TERM_ACTIVE", 0, EvidenceKind.REUSED));
    Carrier fresh = carrier(new TacticSpec.FalseReason(1, "BINDING_TERM_ACTIVE", 0, EvidenceKind.FRESH));
    Set<String> reused = new HashSet<>();
    Set<String> fresher = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Answer a = reuses.answerPort(clean(i)).answer();
      reused.add(a.evidence().get("agreement_id"));
      assertThat(LocalDate.parse(a.evidence().get("end_date"))).isAfterOrEqualTo(TODAY.plusDays(60));
      fresher.add(fresh.answerPort(clean(i)).answer().evidence().get("agreement_id"));
    }
    assertThat(reused).hasSize(1);
    assertThat(fresher).hasSize(100);
  }

  @Test
  void repeatRejectionRejectsEveryAttemptOfItsTargetsWithAnotherReasonEachTime() {
    Carrier c = carrier(new TacticSpec.RepeatRejection(0.2));
    int targeted = 0;
    for (int i = 0; i < N; i++) {
      if (!c.targeted(i, 0.2)) {
        assertThat(c.answerPort(clean(i)).answer()).isEqualTo(Answer.ACCEPT);
        continue;
      }
      targeted++;
      Set<String> reasons = new HashSet<>();
      for (int attempt = 0; attempt < 3; attempt++) {
        Decision d = c.answerPort(new Case(i, attempt, -1, TODAY));
        assertThat(d.answer().kind()).isEqualTo(Answer.Kind.REJECT);
        assertThat(d.touched()).containsExactly(Tactic.REPEAT_REJECTION);
        assertThat(c.answerQuery(new Case(i, attempt, -1, TODAY)).answer()).isEqualTo(d.answer());
        reasons.add(d.answer().reason());
      }
      assertThat(reasons).hasSize(3);
    }
    assertThat(targeted / (double) N).isCloseTo(0.2, within(0.01));
  }

  @Test
  void silenceAndIgnoredQueriesAreSilentAtTheirRates() {
    Carrier silent = carrier(new TacticSpec.Silence(0.3));
    Carrier deaf = carrier(new TacticSpec.IgnoreEligibility(0.4));
    int silentPorts = 0;
    int ignored = 0;
    for (int i = 0; i < N; i++) {
      silentPorts += silent.answerPort(clean(i)).answer() == Answer.SILENT ? 1 : 0;
      assertThat(silent.answerQuery(clean(i)).answer()).isEqualTo(Answer.ACCEPT);
      ignored += deaf.answerQuery(clean(i)).answer() == Answer.SILENT ? 1 : 0;
      assertThat(deaf.answerPort(clean(i)).answer()).isEqualTo(Answer.ACCEPT);
    }
    assertThat(silentPorts / (double) N).isCloseTo(0.3, within(0.015));
    assertThat(ignored / (double) N).isCloseTo(0.4, within(0.015));
  }

  @Test
  void offListAndRefutableClaimsComeFirstAndTheHonestAnswerAfter() {
    Carrier offList = carrier(new TacticSpec.OffListReason(1));
    Decision d = offList.answerPort(new Case(1, 0, UNPAID, TODAY));
    assertThat(d.firstTry()).map(Answer::reason).contains(Carrier.OFF_LIST_REASON);
    assertThat(d.answer().reason()).isEqualTo("UNPAID_CHARGES");
    assertThat(d.touched()).containsExactly(Tactic.OFF_LIST_REASON);

    Decision identity = carrier(new TacticSpec.RefutableClaim(1, "NOT_REAL_NAME")).answerPort(clean(2));
    assertThat(identity.firstTry().orElseThrow().evidence()).containsEntry("mismatch", "IDENTITY_MISMATCH");
    assertThat(identity.answer()).isEqualTo(Answer.ACCEPT);
    Decision lock = carrier(new TacticSpec.RefutableClaim(1, "LOCK_PERIOD")).answerPort(clean(2));
    assertThat(lock.firstTry().orElseThrow().reason()).isEqualTo("LOCK_PERIOD");
    assertThat(lock.firstTry().orElseThrow().evidence()).isEmpty();
    assertThat(carrier(new TacticSpec.RefutableClaim(0, "LOCK_PERIOD")).answerPort(clean(2)).firstTry()).isEmpty();
  }

  @Test
  void anHonestIdentityRejectionIsNeverTheMismatchTheClearinghouseRefutes() {
    int notRealName = index("NOT_REAL_NAME");
    for (int i = 0; i < 100; i++) {
      assertThat(carrier().answerPort(new Case(i, 0, notRealName, TODAY)).answer().evidence().get("mismatch"))
          .isNotEqualTo("IDENTITY_MISMATCH");
    }
  }

  @Test
  void slowAcksAndLateDeactivationsAreLateAtTheirRates() {
    Carrier slow = carrier(new TacticSpec.SlowRoutingAck(0.25, Duration.ofSeconds(40)),
        new TacticSpec.LateDeactivation(0.5, Optional.empty()));
    int late = 0;
    int never = 0;
    for (int i = 0; i < N; i++) {
      Carrier.Timed ack = slow.routingAck(i);
      if (!ack.touched().isEmpty()) {
        late++;
        assertThat(ack.after().orElseThrow()).isGreaterThan(Duration.ofSeconds(40));
      }
      never += slow.deactivation(i).after().isEmpty() ? 1 : 0;
      assertThat(carrier().deactivation(i).after()).isPresent();
    }
    assertThat(late / (double) N).isCloseTo(0.25, within(0.015));
    assertThat(never / (double) N).isCloseTo(0.5, within(0.015));
  }

  @Test
  void retentionAndCodeGuessingAtTheirRatesAndNeverForAnHonestCarrier() {
    Carrier c = carrier(new TacticSpec.Retention(0.2), new TacticSpec.CodeGuessing(0.05));
    int retained = 0;
    int guessed = 0;
    for (int i = 0; i < N; i++) {
      retained += c.retains(i) ? 1 : 0;
      guessed += c.guessesCodes(i) ? 1 : 0;
      assertThat(carrier().retains(i) || carrier().guessesCodes(i)).isFalse();
    }
    assertThat(retained / (double) N).isCloseTo(0.2, within(0.015));
    assertThat(guessed / (double) N).isCloseTo(0.05, within(0.006));
  }

  @Test
  void bulkBurstsKeepTheUnrequestedShare() {
    Carrier bulk = carrier(new TacticSpec.BulkChannel(0.2, 40));
    // 0.2 of all ports unrequested: 1 per 4 requested; a burst of 40 per 160 requested
    assertThat(bulk.burstsDue(159, 0)).isZero();
    assertThat(bulk.burstsDue(160, 0)).isEqualTo(1);
    assertThat(bulk.burstsDue(160, 1)).isZero();
    assertThat(bulk.burstsDue(800, 2)).isEqualTo(3);
    assertThat(bulk.burst()).isEqualTo(40);
    assertThat(carrier().burstsDue(1_000_000, 0)).isZero();
    assertThat(bulk.bulkChannel()).doesNotStartWith(bulk.channel(1));
  }

  @Test
  void channelsSpreadOverTheCarriersChannels() {
    Set<String> channels = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      channels.add(carrier().channel(i));
    }
    assertThat(channels).hasSize(20);
  }
}
