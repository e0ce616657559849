package npc.audit.detect;

import static npc.audit.detect.History.END;
import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * All detectors at their defaults over one history: an obstructive donor (CU) and an honest donor (CT) whose
 * population is worse in every way the record can show (more arrears, more cancellations, subscribers who mistype
 * codes and retry while in arrears, an outage during which its notices were pushed late). CU gets findings with
 * evidence; CT gets none, though it may be signalled.
 */
class HonestCarrierTest {
  private final History h = new History();

  private static Instant hour(int i) {
    return T0.plus(Duration.ofHours(i + 1));
  }

  private void obstructive() {
    for (int i = 0; i < 60; i++) {
      String port = "cu" + i;
      String number = History.number(i);
      h.opened(port, number, "CM", "CU", hour(i));
      if (i < 4) {
        h.deemed(port, number, "CU", hour(i), hour(i).plus(Duration.ofMinutes(30)));
      } else if (i < 6) {
        h.queryAnswered("cuq" + i, number, "CU", hour(i).minus(Duration.ofDays(1)), true);
        h.rejected(port, number, "CU", hour(i).plusSeconds(60), "UNPAID_CHARGES", "amount_fen", "100",
            "billing_period", "2026-07");
      } else if (i < 12) {
        h.rejected(port, number, "CU", hour(i).plusSeconds(60), "BINDING_TERM_ACTIVE", "agreement_id", "SAME-1",
            "end_date", "2027-12-31");
      } else {
        h.accepted(port, number, "CU", hour(i).plusSeconds(60));
      }
    }
    for (int i = 0; i < 3; i++) {
      h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "cux" + i, History.number(i), "CU", hour(100 + i),
          "FAMILY_PLAN");
    }
  }

  private void honestWithAWorsePopulation() {
    for (int i = 0; i < 60; i++) {
      String port = "ct" + i;
      String number = History.number(500 + i);
      Instant at = hour(200 + i);
      if (i < 10) {
        for (int k = 0; k < 2; k++) {
          h.refused(AuditKind.REFUSED_CODE_MISMATCH, "-", number, "CM", at.minusSeconds(60 - k), "CODE_MISMATCH",
              "donor", "CT");
        }
      }
      h.opened(port, number, "CM", "CT", at);
      if (i < 8) {
        // An outage: its notices were pushed late, its deadline extended too little; deemed, not counted.
        h.deemed(port, number, "CT", at.plus(Duration.ofMinutes(25)), at.plus(Duration.ofMinutes(30)));
      } else if (i < 40) {
        // Arrears: each subscriber's own bill, of a month still payable when it answered "eligible".
        h.queryAnswered("ctq" + i, number, "CT", at.minus(Duration.ofDays(1)), true);
        h.rejected(port, number, "CT", at.plusSeconds(60), "UNPAID_CHARGES", "amount_fen", "100",
            "billing_period", "2026-09", "bill_ref", "B-" + i);
        h.rejected(port + "b", number, "CT", at.plus(Duration.ofDays(2)), "UNPAID_CHARGES", "amount_fen", "100",
            "billing_period", "2026-09", "bill_ref", "B-" + i);
      } else if (i < 50) {
        // Subscribers who change their minds before CT even knew of the port.
        h.fact(AuditKind.PORT_CANCELLED, port, number, "CM", at.plusSeconds(1), "donor", "CT");
      } else {
        h.accepted(port, number, "CT", at.plusSeconds(60));
      }
    }
  }

  @Test
  void theObstructiveDonorIsFoundWithEvidenceTheHonestDonorWithAWorsePopulationIsNot() {
    obstructive();
    honestWithAWorsePopulation();

    Detection d = new Detectors(DetectorSettings.defaults()).run(h.entries(), T0, END);

    assertThat(d.findings()).extracting(Finding::rule).containsExactlyInAnyOrder(Rule.DEEMED_ACCEPTANCE,
        Rule.OFF_LIST_REASON, Rule.ELIGIBILITY_CONTRADICTION, Rule.EVIDENCE_REUSED);
    assertThat(d.findings()).allSatisfy(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).isNotEmpty();
    });
    assertThat(d.signals()).extracting(Signal::carrier).contains("CT");
  }
}
