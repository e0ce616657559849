package npc.audit.detect;

import static npc.audit.detect.History.END;
import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import npc.audit.chain.Chain;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * The figures a regulator reproduces (z, tail probability, Benjamini-Hochberg) against published values, a step
 * recorded twice counted once, and bad settings refused.
 */
class StatisticsAndHistoryTest {

  @Test
  void theNormalTailMatchesTheTablesAtTheUsualCriticalValues() {
    assertThat(ProportionTest.upperTail(1.959964)).isCloseTo(0.025, within(1e-7));
    assertThat(ProportionTest.upperTail(3.090232)).isCloseTo(0.001, within(1e-8));
    assertThat(ProportionTest.upperTail(-1.644854)).isCloseTo(0.95, within(1e-7));
    assertThat(ProportionTest.upperTail(6.0) / 9.865876e-10).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void thePoissonTailMatchesExactSumsFromTheBodyToFarIntoTheTail() {
    // Exact sums: 1 - 7 e^-2; P(Poisson(10) <= 19) = 0.9965457; and tails far below double's epsilon of 1.
    assertThat(PoissonTail.atLeast(5, 2)).isCloseTo(1 - 7 * Math.exp(-2), within(1e-12));
    assertThat(PoissonTail.atLeast(20, 10)).isCloseTo(0.0034543419758567, within(1e-12));
    assertThat(PoissonTail.atLeast(10, 0.5) / 1.7096701832031158e-10).isCloseTo(1.0, within(1e-6));
    assertThat(PoissonTail.atLeast(150, 100) / 1.8842104660387047e-06).isCloseTo(1.0, within(1e-6));
    assertThat(PoissonTail.atLeast(400, 300) / 2.2066520142884778e-08).isCloseTo(1.0, within(1e-6));
    assertThat(PoissonTail.atLeast(0, 3)).isEqualTo(1.0);
    assertThat(PoissonTail.atLeast(1, 0)).isEqualTo(0.0);
    assertThat(PoissonTail.atLeast(3, 3)).isCloseTo(1 - Math.exp(-3) * (1 + 3 + 4.5), within(1e-12));
  }

  @Test
  void theTwoProportionZUsesThePooledVariance() {
    // 20/100 against 4/200: pooled 24/300, se = sqrt(0.08 * 0.92 * (1/100 + 1/200)).
    double expected = (0.2 - 0.02) / Math.sqrt(0.08 * 0.92 * 0.015);
    assertThat(ProportionTest.z(20, 100, 4, 200)).isCloseTo(expected, within(1e-12));
    assertThat(ProportionTest.z(0, 50, 0, 50)).isZero();
  }

  @Test
  void benjaminiHochbergAdjustsByRankAndKeepsTheOrderMonotone() {
    assertThat(ProportionTest.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
        .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
  }

  @Test
  void aStepAppendedTwiceIsCountedOnceWhicheverCopyComesFirst() {
    History h = new History();
    for (int i = 0; i < 3; i++) {
      h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "p" + i, History.number(i), "CU", T0.plusSeconds(i),
          "FAMILY_PLAN");
    }
    AuditEntry third = h.entries().get(2);
    Chain sweeper = new Chain("z-sweeper");
    List<AuditEntry> withCopy = new ArrayList<>(h.entries().subList(0, 2));
    withCopy.add(0, sweeper.append(third.record()));
    withCopy.add(third);

    AuditHistory history = new AuditHistory(withCopy, T0, END);

    assertThat(history.entries()).hasSize(3).contains(third);
    Detection d = new OffListReasonDetector(DetectorSettings.defaults()).detect(history);
    assertThat(d.findings()).singleElement().satisfies(f -> assertThat(f.evidence()).hasSize(3)
        .contains(EntryRef.of(third)));
  }

  @Test
  void badSettingsAndPeriodsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> new Threshold(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSample >= 1");
    assertThatThrownBy(() -> new AuditHistory(List.of(), END, T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a period ends after it starts");
    assertThatThrownBy(() -> new Finding("CU", Rule.OFF_LIST_REASON, T0, END, Severity.LOW, "nothing", List.of(),
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rests on entries");
  }

  @Test
  void severityGrowsWithTheCountOfConductOnly() {
    assertThat(Severity.of(3, 3)).isEqualTo(Severity.LOW);
    assertThat(Severity.of(6, 3)).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.of(12, 3)).isEqualTo(Severity.HIGH);
    assertThat(Duration.ofDays(60)).isEqualTo(Duration.between(T0, END));
  }
}
