package npc.audit.detect;

import static npc.audit.detect.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;
import org.junit.jupiter.api.Test;

/**
 * The refusal rules: {@code OFF_LIST_REASON}, {@code REFUTED_CLAIM}, {@code CODE_GUESSING} and
 * {@code UPHELD_COMPLAINT}, each with positive cases, negative cases and an honest look-alike.
 */
class RefusalDetectorsTest {
  private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();
  private final History h = new History();

  private static Instant hour(int i) {
    return T0.plus(Duration.ofHours(i + 1));
  }

  @Test
  void aDonorRefusedThreeTimesForOffListReasonsOrAddedConditionsIsFoundWithTheRefusedAnswers() {
    AuditEntry a = h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "p1", History.number(1), "CU", hour(1),
        "FAMILY_PLAN");
    AuditEntry b = h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "p2", History.number(2), "CU", hour(2),
        "VALUE_ADDED_SERVICES");
    AuditEntry c = h.refused(AuditKind.REFUSED_INVALID_EVIDENCE, "p3", History.number(3), "CU", hour(3),
        "BINDING_TERM_ACTIVE", "agreement_id", "A-1", "end_date", "2026-01-01", "refusal", "EVIDENCE_INVALID");
    h.refused(AuditKind.REFUSED_INVALID_EVIDENCE, "p4", History.number(4), "CT", hour(4), "UNPAID_CHARGES",
        "refusal", "EVIDENCE_INVALID");

    Detection d = h.run(new OffListReasonDetector(DEFAULTS));

    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).containsExactlyInAnyOrder(EntryRef.of(a), EntryRef.of(b), EntryRef.of(c));
    });
  }

  @Test
  void refusalsOutsideThePeriodAreNotCounted() {
    for (int i = 0; i < 3; i++) {
      h.refused(AuditKind.REFUSED_OFF_LIST_REASON, "p" + i, History.number(i), "CU", T0.minusSeconds(60 + i),
          "FAMILY_PLAN");
    }

    assertThat(h.run(new OffListReasonDetector(DEFAULTS)).findings()).isEmpty();
  }

  @Test
  void claimsTheClearinghouseRefutesAreFoundAnHonestDonorsValidClaimsAreNot() {
    for (int i = 0; i < 3; i++) {
      h.refused(AuditKind.REFUSED_REFUTED_CLAIM, "p" + i, History.number(i), "CU", hour(i), "LOCK_PERIOD",
          "refutedBy", "lastPortedAt", "lastPortedAt", "2025-01-01T00:00:00Z");
    }
    for (int i = 0; i < 10; i++) {
      h.rejected("q" + i, History.number(i), "CT", hour(i), "LOCK_PERIOD");
    }

    assertThat(h.run(new RefutedClaimDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CU"));
  }

  @Test
  void aRecipientGuessingCodesIsFoundOneWhoseSubscribersMistypeThenSucceedIsNot() {
    for (int n = 0; n < 3; n++) {
      for (int k = 0; k < 4; k++) {
        h.refused(AuditKind.REFUSED_CODE_MISMATCH, "-", History.number(n), "CBN", hour(n * 10 + k), "CODE_MISMATCH",
            "donor", "CU");
      }
    }
    for (int n = 0; n < 50; n++) {
      for (int k = 0; k < 3; k++) {
        h.refused(AuditKind.REFUSED_CODE_MISMATCH, "-", History.number(100 + n), "CM", hour(n * 10 + k),
            "CODE_MISMATCH", "donor", "CU");
      }
      h.opened("p" + n, History.number(100 + n), "CM", "CU", hour(n * 10 + 4));
    }

    assertThat(h.run(new CodeGuessingDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CBN");
      assertThat(f.evidence()).hasSize(12);
    });
  }

  /** {@code ports} ports opened by {@code recipient}, and {@code abandoned} numbers with 3 mismatches and no port. */
  private void recipient(String recipient, int base, int ports, int abandoned) {
    for (int n = 0; n < ports; n++) {
      h.opened(recipient + n, History.number(base + n), recipient, "CU", History.T0.plusSeconds(n));
    }
    for (int n = 0; n < abandoned; n++) {
      for (int k = 0; k < 3; k++) {
        h.refused(AuditKind.REFUSED_CODE_MISMATCH, "-", History.number(base + ports + n), recipient,
            History.T0.plusSeconds(n * 10L + k), "CODE_MISMATCH", "donor", "CU");
      }
    }
  }

  @Test
  void atHighVolumeAFewAbandonedMistypingsAreNotGuessingTheSameCountAmongFewPortsIs() {
    // A recipient opening 5,000 ports whose subscribers gave up after mistyping 4 times in all (0.08%), and one
    // that opened 200 and left 4 numbers it sent wrong codes for (2%).
    recipient("CT", 0, 5000, 4);
    recipient("CBN", 6000, 200, 4);

    assertThat(h.run(new CodeGuessingDetector(DEFAULTS)).findings()).singleElement()
        .satisfies(f -> assertThat(f.carrier()).isEqualTo("CBN"));
  }

  @Test
  void anUpheldComplaintIsFoundWithItsRecordADismissedOneIsNot() {
    AuditEntry recorded = h.fact(AuditKind.COMPLAINT_RECORDED, "c1", History.number(1), null, hour(1),
        "against", "CU", "port", "p1", "about", "PORT_REJECTED_BY_DONOR");
    AuditEntry upheld = h.fact(AuditKind.COMPLAINT_DECIDED, "c1", History.number(1), null, hour(30),
        "against", "CU", "port", "p1", "outcome", "UPHELD");
    h.fact(AuditKind.COMPLAINT_RECORDED, "c2", History.number(2), null, hour(2), "against", "CT", "port", "p2");
    h.fact(AuditKind.COMPLAINT_DECIDED, "c2", History.number(2), null, hour(31), "against", "CT", "port", "p2",
        "outcome", "DISMISSED");

    assertThat(h.run(new UpheldComplaintDetector(DEFAULTS)).findings()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo("CU");
      assertThat(f.evidence()).containsExactly(EntryRef.of(upheld), EntryRef.of(recorded));
    });
  }
}
