package npc.core.regime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceCheckTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private final Regime cn = RegimeLoader.builtIn("cn");

  @Test
  void soundEvidenceHasNoProblem() {
    assertThat(EvidenceCheck.problems(cn.reason("UNPAID_CHARGES").orElseThrow(),
        Map.of("amount_fen", "12800", "billing_period", "2026-10"), TODAY)).isEmpty();
    assertThat(EvidenceCheck.problems(cn.reason("BINDING_TERM_ACTIVE").orElseThrow(),
        Map.of("agreement_id", "HY-2025-001", "end_date", "2027-03-31"), TODAY)).isEmpty();
  }

  @Test
  void anUnpaidAmountOfZeroContradictsItself() {
    assertThat(EvidenceCheck.problems(cn.reason("UNPAID_CHARGES").orElseThrow(),
        Map.of("amount_fen", "0", "billing_period", "2026-10"), TODAY))
        .containsExactly("amount_fen must be greater than zero, not 0");
  }

  @Test
  void aBindingTermThatAlreadyEndedContradictsItself() {
    assertThat(EvidenceCheck.problems(cn.reason("BINDING_TERM_ACTIVE").orElseThrow(),
        Map.of("agreement_id", "HY-2025-001", "end_date", "2026-11-29"), TODAY))
        .containsExactly("end_date has already passed: 2026-11-29");
  }

  @Test
  void theCurrentMonthIsNotAClosedBillingPeriod() {
    assertThat(EvidenceCheck.problems(cn.reason("UNPAID_CHARGES").orElseThrow(),
        Map.of("amount_fen", "100", "billing_period", "2026-11"), TODAY))
        .containsExactly("billing_period is not a closed billing period: 2026-11");
  }

  @Test
  void missingUnknownAndMalformedFieldsAreEachNamed() {
    assertThat(EvidenceCheck.problems(cn.reason("ABNORMAL_STATUS").orElseThrow(),
        Map.of("status", "ON_HOLIDAY", "colour", "red"), TODAY))
        .containsExactlyInAnyOrder("colour is not evidence for ABNORMAL_STATUS",
            "status must be one of [REPORTED_LOST, SUSPENDED], not ON_HOLIDAY", "since is missing");
    assertThat(EvidenceCheck.problems(cn.reason("ABNORMAL_STATUS").orElseThrow(),
        Map.of("status", "SUSPENDED", "since", "2027-01-01"), TODAY))
        .containsExactly("since is in the future: 2027-01-01");
  }
}
