package npc.audit.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import npc.audit.record.AuditEntry;
import org.junit.jupiter.api.Test;

/**
 * The rules on a donor's rejections: {@code ELIGIBILITY_CONTRADICTION}, {@code EVIDENCE_REUSED},
 * {@code REJECT_THEN_ACCEPT} and {@code REPEATED_REJECTION}, each with positive cases, negative cases and an honest
 * look-alike.
 */
class RejectionDetectorsTest {
  private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();
  private final History h = new History();

  private static Instant day(String date) {
    return Instant.parse(date + "T08:00:00Z");
  }

  @Test
  void arrearsOfAMonthPastDueBeforeTheEligibleAnswerContradictItAndAreFoundWithTheQueryAndTheRejection() {
    AuditEntry answer = h.queryAnswered("q1", History.number(1), "CU", day("2026-10-20"), true);
    AuditEntry rejection = h.rejected("p1", History.number(1), "CU", day("2026-10-21"), "UNPAID_CHARGES",
        "amount_fen", "12000", "billing_period", "2026-08");
    h.queryAnswered("q2", History.number(2), "CU", day("2026-10-20"), true);
    h.rejected("p2", History.number(2), "CU", day("2026-10-22"), "ABNORMAL_STATUS", "status", "SUSPENDED",
        "since", "2026-10-05");

    Detection d = h.run(new EligibilityContradictionDetector(DEFAULTS));

    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).startsWith(EntryRef.of(rejection), EntryRef.of(answer));
      assertThat(f.subjects()).containsExactly("p1", "q1", "p2", "q2");
    });
  }

  @Test
  void arrearsOfAMonthThatClosedOrFellDueAfterTheQueryAreHonestAndNotFound() {
    // Each honest case twice, so that counting any one kind of them would reach the default threshold (2):
    // September closed before the query but was still payable; October closed after it; a status since the
    // query's own day; a rejection with no "eligible" answer before it; one after a "not eligible" answer.
    for (int k = 0; k < 2; k++) {
      int n = 10 * k;
      for (int i = 0; i < 3; i++) {
        h.queryAnswered("q" + n + i, History.number(n + i), "CT", day("2026-10-20"), true);
      }
      h.rejected("p" + n, History.number(n), "CT", day("2026-11-05"), "UNPAID_CHARGES", "billing_period", "2026-09");
      h.rejected("p" + n + 1, History.number(n + 1), "CT", day("2026-11-06"), "UNPAID_CHARGES",
          "billing_period", "2026-10");
      h.rejected("p" + n + 2, History.number(n + 2), "CT", day("2026-10-21"), "ABNORMAL_STATUS",
          "since", "2026-10-20");
      h.rejected("p" + n + 3, History.number(n + 3), "CT", day("2026-10-21"), "UNPAID_CHARGES",
          "billing_period", "2026-01");
      h.queryAnswered("q" + n + 4, History.number(n + 4), "CT", day("2026-10-20"), false);
      h.rejected("p" + n + 4, History.number(n + 4), "CT", day("2026-10-21"), "UNPAID_CHARGES",
          "billing_period", "2026-01");
    }

    assertThat(h.run(new EligibilityContradictionDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void oneAgreementIdCitedForFiveNumbersIsFoundOneNumbersOwnAgreementCitedAgainIsNot() {
    for (int i = 0; i < 5; i++) {
      h.rejected("p" + i, History.number(i), "CU", day("2026-10-0" + (i + 2)), "BINDING_TERM_ACTIVE",
          "agreement_id", "A-1", "end_date", "2027-06-30");
    }
    for (int i = 0; i < 6; i++) {
      h.rejected("q" + i, History.number(50), "CT", day("2026-10-0" + (i + 2)), "BINDING_TERM_ACTIVE",
          "agreement_id", "B-7", "end_date", "2027-06-30");
    }
    for (int i = 0; i < 3; i++) {
      h.rejected("f" + i, History.number(60 + i), "CT", day("2026-10-0" + (i + 2)), "BINDING_TERM_ACTIVE",
          "agreement_id", "FAMILY-3", "end_date", "2027-06-30");
    }

    assertThat(h.run(new EvidenceReusedDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).hasSize(5);
    });
  }

  @Test
  void acceptingWhileTheCitedTermStillHadMonthsToRunIsFoundATermThatEndedOrArrearsPaidAreNot() {
    for (int i = 0; i < 2; i++) {
      h.rejected("p" + i, History.number(i), "CU", day("2026-10-05"), "BINDING_TERM_ACTIVE",
          "agreement_id", "A-" + i, "end_date", "2027-06-30");
      h.accepted("r" + i, History.number(i), "CU", day("2026-10-12"));
    }
    // Each honest case twice (the default threshold): a term that ended before the acceptance, arrears since
    // paid, a term still running but the number accepted by another donor, an acceptance months later.
    for (int k = 0; k < 2; k++) {
      int n = 10 + 10 * k;
      h.rejected("p" + n, History.number(n), "CT", day("2026-10-05"), "BINDING_TERM_ACTIVE",
          "agreement_id", "C-" + n, "end_date", "2026-10-10");
      h.accepted("r" + n, History.number(n), "CT", day("2026-10-12"));
      h.rejected("p" + n + 1, History.number(n + 1), "CT", day("2026-10-05"), "UNPAID_CHARGES",
          "billing_period", "2026-08");
      h.accepted("r" + n + 1, History.number(n + 1), "CT", day("2026-10-12"));
      h.rejected("p" + n + 2, History.number(n + 2), "CT", day("2026-10-05"), "BINDING_TERM_ACTIVE",
          "agreement_id", "C-" + n, "end_date", "2027-06-30");
      h.accepted("r" + n + 2, History.number(n + 2), "CM", day("2026-10-12"));
      h.rejected("p" + n + 3, History.number(n + 3), "CT", day("2026-06-05"), "BINDING_TERM_ACTIVE",
          "agreement_id", "C-" + n, "end_date", "2027-06-30");
      h.accepted("r" + n + 3, History.number(n + 3), "CT", day("2026-10-12"));
    }

    assertThat(h.run(new RejectThenAcceptDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.subjects()).containsExactly("r0", "p0", "r1", "p1");
    });
  }

  @Test
  void aNewReasonEachTimeIsFoundTheSameUnpaidBillAgainAndAgainIsNot() {
    String[] reasons = {"UNPAID_CHARGES", "BINDING_TERM_ACTIVE", "ABNORMAL_STATUS"};
    for (int n = 0; n < 2; n++) {
      for (int k = 0; k < 3; k++) {
        h.rejected("p" + n + k, History.number(n), "CU", day("2026-10-1" + k), reasons[k]);
      }
    }
    for (int n = 8; n < 10; n++) {
      for (int k = 0; k < 8; k++) {
        h.rejected("q" + n + k, History.number(n), "CT", day("2026-10-1" + k), "UNPAID_CHARGES",
            "billing_period", "2026-08");
      }
    }

    assertThat(h.run(new RepeatedRejectionDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).hasSize(6);
    });
  }
}
