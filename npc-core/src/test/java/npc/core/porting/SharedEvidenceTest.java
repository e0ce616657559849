package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.regime.Regime;
import npc.core.regime.RegimeLoader;
import org.junit.jupiter.api.Test;

class SharedEvidenceTest {
  private static final Regime CN = RegimeLoader.builtIn("cn");
  private static final Instant AT = Instant.parse("2026-11-29T02:20:00Z");

  private static EligibilityQuery answered(Map<String, Map<String, String>> reasons) {
    return EligibilityQuery.pending(UUID.randomUUID(), CN.numbers().parse("13800000001").orElseThrow(),
        new CarrierId("CU"), new CarrierId("CM"), AT, AT.plusSeconds(60), SubscriberType.INDIVIDUAL)
        .answered(reasons, List.of("FAMILY_PLAN"));
  }

  @Test
  void theAskerKeepsEveryReasonCodeAndOnlyTheShareableFieldsOfItsEvidence() {
    EligibilityQuery full = answered(Map.of(
        "NOT_REAL_NAME", Map.of("mismatch", "IDENTITY_MISMATCH"),
        "ABNORMAL_STATUS", Map.of("status", "SUSPENDED", "since", "2026-01-05"),
        "UNPAID_CHARGES", Map.of("amount_fen", "12800", "billing_period", "2026-10"),
        "BINDING_TERM_ACTIVE", Map.of("agreement_id", "HY-1", "end_date", "2027-06-30")));

    EligibilityQuery shown = SharedEvidence.forAsker(CN, full);

    assertThat(shown.reasons()).isEqualTo(Map.of(
        "NOT_REAL_NAME", Map.of("mismatch", "IDENTITY_MISMATCH"),
        "ABNORMAL_STATUS", Map.of("status", "SUSPENDED"),
        "UNPAID_CHARGES", Map.of(),
        "BINDING_TERM_ACTIVE", Map.of()));
    assertThat(shown.eligible()).contains(false);
    assertThat(shown.warnings()).containsExactly("FAMILY_PLAN");
  }

  @Test
  void aReasonTheRegimeNoLongerListsShowsNoEvidenceAtAll() {
    EligibilityQuery full = answered(Map.of("RETIRED_REASON", Map.of("status", "SUSPENDED")));

    assertThat(SharedEvidence.forAsker(CN, full).reasons()).isEqualTo(Map.of("RETIRED_REASON", Map.of()));
  }
}
