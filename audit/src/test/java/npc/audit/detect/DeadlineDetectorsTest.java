package npc.audit.detect;

import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * The deadline rules: {@code DEEMED_ACCEPTANCE}, {@code ELIGIBILITY_UNANSWERED}, {@code LATE_DEACTIVATION} and
 * {@code SLOW_ROUTING_ACK}, each with positive cases, negative cases and an honest look-alike.
 */
class DeadlineDetectorsTest {
  private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();
  private final History h = new History();

  /** {@code ports} ports against {@code donor}, the first {@code deemed} deemed accepted, told {@code notice} ahead. */
  private void ports(String donor, int ports, int deemed, Duration notice) {
    for (int i = 0; i < ports; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      String port = donor + "-p" + i;
      h.opened(port, History.number(i), "CM", donor, at);
      Instant deadline = at.plus(Duration.ofMinutes(30));
      if (i < deemed) {
        h.deemed(port, History.number(i), donor, notice == null ? null : deadline.minus(notice), deadline);
      } else {
        h.accepted(port, History.number(i), donor, at.plusSeconds(60));
      }
    }
  }

  @Test
  void aDonorSilentOnPortsItWasToldOfInTimeIsFoundWithThePortsAsEvidence() {
    ports("CU", 40, 4, Duration.ofMinutes(30));

    Detection d = h.run(new DeemedAcceptanceDetector(DEFAULTS));

    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.rule()).isEqualTo(Rule.DEEMED_ACCEPTANCE);
      assertThat(f.subjects()).containsExactly("CU-p0", "CU-p1", "CU-p2", "CU-p3");
      assertThat(f.evidence()).hasSize(4);
      assertThat(f.sentence()).isEqualTo("CU let 4 of 40 ports it was told of in time reach the answer deadline in "
          + "silence");
    });
  }

  @Test
  void aDonorToldLateOrNeverIsNotFoundHoweverManyPortsWereDeemed() {
    ports("CU", 40, 10, Duration.ofMinutes(2));
    ports("CT", 40, 10, null);

    assertThat(h.run(new DeemedAcceptanceDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void aDonorWithFewDeemedAmongManyPortsIsNotFoundAndOneWithFewPortsIsInsufficientData() {
    ports("CU", 200, 2, Duration.ofMinutes(30));
    ports("CT", 5, 5, Duration.ofMinutes(30));

    Detection d = h.run(new DeemedAcceptanceDetector(DEFAULTS));

    assertThat(d.findings()).isEmpty();
    assertThat(d.insufficient()).singleElement().satisfies(i -> {
      assertThat(i.carrier()).isEqualTo("CT");
      assertThat(i.sentence()).isEqualTo("DEEMED_ACCEPTANCE for CT: insufficient data (5 of the 20 occasions the "
          + "rule needs)");
    });
  }

  @Test
  void queriesLeftToExpireAfterTheDonorWasToldAreFoundThoseNeverPushedAreNot() {
    for (int i = 0; i < 30; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      h.queryOpened("q" + i, History.number(i), "CM", "CU", at);
      h.queryExpired("q" + i, History.number(i), "CU", i < 3 ? at : null, at.plusSeconds(60));
      h.queryOpened("r" + i, History.number(i), "CM", "CT", at);
      h.queryExpired("r" + i, History.number(i), "CT", null, at.plusSeconds(60));
    }

    assertThat(h.run(new EligibilityUnansweredDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CU"));
  }

  /**
   * {@code ports} ports against {@code donor} under timers in seconds (a 10 s answer window), the first
   * {@code deemed} deemed accepted with the donor told {@code toldAfter} after the opening.
   */
  private void secondsPorts(String donor, int ports, int deemed, Duration toldAfter) {
    Duration window = Duration.ofSeconds(10);
    for (int i = 0; i < ports; i++) {
      Instant at = T0.plus(Duration.ofSeconds(20L * i));
      String port = donor + "-s" + i;
      h.opened(port, History.number(i), "CM", donor, at, window);
      if (i < deemed) {
        h.deemed(port, History.number(i), donor, at.plus(toldAfter), at.plus(window));
      } else {
        h.accepted(port, History.number(i), donor, at.plusSeconds(1));
      }
    }
  }

  @Test
  void underTimersInSecondsADonorSilentOnPortsItWasToldOfEarlyInTheWindowIsFound() {
    secondsPorts("CU", 40, 4, Duration.ofSeconds(1));

    assertThat(h.run(new DeemedAcceptanceDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.subjects()).containsExactly("CU-s0", "CU-s1", "CU-s2", "CU-s3");
    });
  }

  @Test
  void underTimersInSecondsADonorToldWithLessThanHalfTheWindowLeftIsNotFound() {
    secondsPorts("CU", 40, 10, Duration.ofSeconds(6));
    secondsPorts("CT", 40, 10, Duration.ofSeconds(5).plusMillis(1));

    assertThat(h.run(new DeemedAcceptanceDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void aPortWhoseDeadlineWasExtendedBecauseTheDonorWasToldLateNeverCounts() {
    for (int i = 0; i < 40; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      String port = "CU-x" + i;
      h.opened(port, History.number(i), "CM", "CU", at);
      if (i < 10) {
        // Told 20 min late: the deadline moves on by as much, and the donor has its full 30 min again.
        Instant told = at.plus(Duration.ofMinutes(20));
        Instant moved = at.plus(Duration.ofMinutes(50));
        h.fact(AuditKind.DONOR_DEADLINE_EXTENDED, port, History.number(i), null, told, "donor", "CU", "toldAt",
            told.toString(), "previousDeadline", at.plus(Duration.ofMinutes(30)).toString());
        h.deemed(port, History.number(i), "CU", told, moved);
      } else {
        h.accepted(port, History.number(i), "CU", at.plusSeconds(60));
      }
    }

    assertThat(h.run(new DeemedAcceptanceDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void underTimersInSecondsQueriesLeftToExpireAfterAnEarlyNoticeAreFoundLateNoticesAreNot() {
    Duration window = Duration.ofSeconds(5);
    for (int i = 0; i < 30; i++) {
      Instant at = T0.plus(Duration.ofSeconds(10L * i));
      h.queryOpened("q" + i, History.number(i), "CM", "CU", at, window);
      h.queryExpired("q" + i, History.number(i), "CU", i < 3 ? at.plusMillis(500) : null, at.plus(window));
      h.queryOpened("r" + i, History.number(i), "CM", "CT", at, window);
      h.queryExpired("r" + i, History.number(i), "CT", at.plusSeconds(3), at.plus(window));
    }

    assertThat(h.run(new EligibilityUnansweredDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CU"));
  }

  @Test
  void aDonorThatDeactivatesLateOrNeverIsFoundOneThatDeactivatesInTimeIsNot() {
    for (int i = 0; i < 20; i++) {
      for (String donor : new String[] {"CU", "CT"}) {
        Instant at = T0.plus(Duration.ofHours(i + 1));
        Instant due = at.plus(Duration.ofHours(1));
        String port = donor + i;
        h.fact(AuditKind.PORT_ACTIVATED, port, History.number(i), null, at, "donor", donor, "deactivateBy",
            due.toString());
        boolean late = donor.equals("CU") && i < 3;
        if (!(late && i == 0)) {
          h.fact(AuditKind.DEACTIVATION_CONFIRMED, port, History.number(i), donor,
              late ? due.plusSeconds(1) : due.minusSeconds(1));
        }
      }
    }

    Detection d = h.run(new LateDeactivationDetector(DEFAULTS));

    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.subjects()).containsExactly("CU0", "CU1", "CU2");
    });
  }

  @Test
  void aDonorLateOnOneDeactivationInTwentyFiveWhileItsPeersNeverAreIsFound() {
    for (String donor : new String[] {"CU", "CT", "CBN"}) {
      for (int i = 0; i < 200; i++) {
        Instant at = T0.plus(Duration.ofMinutes(i + 1));
        Instant due = at.plus(Duration.ofSeconds(15));
        String port = donor + i;
        h.fact(AuditKind.PORT_ACTIVATED, port, History.number(i), null, at, "donor", donor, "deactivateBy",
            due.toString());
        boolean late = donor.equals("CU") && i % 25 == 0; // 8 of 200: a tactic at a rate of 4%
        h.fact(AuditKind.DEACTIVATION_CONFIRMED, port, History.number(i), donor,
            late ? due.plusSeconds(60) : due.minusSeconds(5));
      }
    }

    assertThat(h.run(new LateDeactivationDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CU"));
  }

  @Test
  void whenTheClearinghouseWasSlowForEveryDonorNoneIsFoundButOneFarLaterThanItsPeersStillIs() {
    Map<String, Integer> latePerHundred = Map.of("CU", 30, "CT", 28, "CBN", 33, "CM", 70);
    latePerHundred.forEach((donor, lateOnes) -> {
      for (int i = 0; i < 100; i++) {
        Instant at = T0.plus(Duration.ofMinutes(i + 1));
        Instant due = at.plus(Duration.ofSeconds(10));
        String port = donor + i;
        h.fact(AuditKind.PORT_ACTIVATED, port, History.number(i), null, at, "donor", donor, "deactivateBy",
            due.toString());
        h.fact(AuditKind.DEACTIVATION_CONFIRMED, port, History.number(i), donor,
            i < lateOnes ? due.plusSeconds(5) : due.minusSeconds(1));
      }
    });

    assertThat(h.run(new LateDeactivationDetector(DEFAULTS)).findings()).as("late alike: the clearinghouse's delay")
        .singleElement().satisfies(f -> assertThat(f.carrier()).isEqualTo("CM"));
  }

  @Test
  void aConfirmationMissingWhenItsDeadlineHasJustPassedIsNotJudgedYet() {
    Instant end = h.history().to();
    for (int i = 0; i < 20; i++) {
      Instant due = end.minusSeconds(10); // passed, but a confirmation received in time may still be landing
      h.fact(AuditKind.PORT_ACTIVATED, "CU-r" + i, History.number(i), null, due.minusSeconds(10), "donor", "CU",
          "deactivateBy", due.toString());
    }

    assertThat(h.run(new LateDeactivationDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void aCarrierOftenNamedALaggardIsFoundOneRarelyNamedIsNot() {
    for (int i = 0; i < 100; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      String laggards = (i < 6 ? "CU," : "") + (i == 50 ? "CT" : "");
      for (String carrier : new String[] {"CU", "CT"}) {
        if (!laggards.contains(carrier)) {
          h.fact(AuditKind.ROUTING_ACKNOWLEDGED, "p" + i, History.number(i), carrier, at);
        }
      }
      if (!laggards.isEmpty()) {
        AuditEntry e = h.fact(AuditKind.PORT_COMPLETED_WITH_LAGGARDS, "p" + i, History.number(i), null,
            at.plus(Duration.ofMinutes(15)), "laggards", laggards);
        assertThat(e.record().evidence()).containsKey("laggards");
      }
    }

    assertThat(h.run(new SlowRoutingAckDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).hasSize(6);
    });
  }

  @Test
  void aDonorNamedALaggardOnlyForItsMissingDeactivationIsNotHeldSlowToAcknowledge() {
    for (int i = 0; i < 100; i++) {
      Instant at = T0.plus(Duration.ofHours(i + 1));
      h.fact(AuditKind.ROUTING_ACKNOWLEDGED, "p" + i, History.number(i), "CU", at);
      h.fact(AuditKind.ROUTING_ACKNOWLEDGED, "p" + i, History.number(i), "CT", at);
      if (i < 20) { // CU acknowledged the route in time; it confirmed deactivation late
        h.fact(AuditKind.PORT_COMPLETED_WITH_LAGGARDS, "p" + i, History.number(i), null,
            at.plus(Duration.ofMinutes(15)), "laggards", "CU", "ackLaggards", "");
      }
    }

    assertThat(h.run(new SlowRoutingAckDetector(DEFAULTS)).findings()).isEmpty();
  }
}
