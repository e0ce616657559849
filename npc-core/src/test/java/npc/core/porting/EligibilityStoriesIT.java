package npc.core.porting;

import static npc.core.porting.CoreFixture.ALICE;
import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CU;
import static npc.core.porting.CoreFixture.DIGESTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.core.event.DomainEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Eligibility queries of the China regime on the real node: who may ask, what the donor sees, what the asker sees. */
class EligibilityStoriesIT {
  private static CoreFixture core;

  @BeforeAll
  static void start() {
    core = new CoreFixture("eligibility", "cn", "137");
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  @Test
  void theDonorIsShownTheSubscriberWhileTheQueryIsPendingAndTheAskerIsNot() {
    EligibilityQuery asked = core.query(CU, core.freshNumber(), SubscriberType.CORPORATE).value();
    assertThat(asked.subscriber()).isEmpty();
    assertThat(asked.subscriberType()).isEqualTo(SubscriberType.CORPORATE);

    EligibilityQuery donor = core.service.query(CM, asked.id()).value();
    assertThat(donor.subscriber()).contains(ALICE);
    assertThat(donor.subscriberType()).isEqualTo(SubscriberType.CORPORATE);
    assertThat(core.service.query(CU, asked.id()).value().subscriber()).isEmpty();
    assertThat(core.events.of(DomainEvent.EligibilityQueried.class))
        .filteredOn(e -> e.query().id().equals(asked.id())).singleElement()
        .satisfies(e -> assertThat(e.query().subscriber()).isEmpty());
  }

  @Test
  void theIdentityIsKeptAsADigestAndASealThatTheAnswerClears() {
    EligibilityQuery asked = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    Row pending = row(asked.id());
    assertThat(bytes(pending.getByteBuffer("subscriber_digest"))).isEqualTo(DIGESTER.digest(ALICE));
    assertThat(new String(bytes(pending.getByteBuffer("subscriber_sealed")), StandardCharsets.ISO_8859_1))
        .doesNotContain(ALICE.idNumber()).doesNotContain(ALICE.name());
    assertThat(pending.getString("subscriber_type")).isEqualTo("INDIVIDUAL");

    core.service.answerEligibility(CM, asked.id(), Map.of(), List.of()).value();

    assertThat(row(asked.id()).isNull("subscriber_sealed")).isTrue();
    assertThat(bytes(row(asked.id()).getByteBuffer("subscriber_digest"))).isEqualTo(DIGESTER.digest(ALICE));
    assertThat(core.service.query(CM, asked.id()).value().subscriber()).as("the donor answered already").isEmpty();
  }

  @Test
  void anExpiredQueryNoLongerKeepsTheSealedIdentity() {
    EligibilityQuery asked = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    core.clock.set(asked.deadline());
    core.service.fireDueDeadlines();

    assertThat(core.service.query(CM, asked.id()).value().state()).isEqualTo(EligibilityQuery.State.EXPIRED);
    assertThat(row(asked.id()).isNull("subscriber_sealed")).isTrue();
    assertThat(core.service.query(CM, asked.id()).value().subscriber()).isEmpty();
  }

  @Test
  void theAskerSeesTheReasonsButOnlyTheEvidenceTheRegimeMarksShareable() {
    EligibilityQuery query = core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL).value();
    core.service.answerEligibility(CM, query.id(), Map.of(
        "ABNORMAL_STATUS", Map.of("status", "REPORTED_LOST", "since", "2026-01-05"),
        "UNPAID_CHARGES", Map.of("amount_fen", "12800", "billing_period", "2026-10")), List.of()).value();

    EligibilityQuery asker = core.service.query(CU, query.id()).value();
    assertThat(asker.eligible()).contains(false);
    assertThat(asker.reasons()).isEqualTo(Map.of(
        "ABNORMAL_STATUS", Map.of("status", "REPORTED_LOST"),
        "UNPAID_CHARGES", Map.of()));

    EligibilityQuery donor = core.service.query(CM, query.id()).value();
    assertThat(donor.reasons().get("UNPAID_CHARGES")).containsEntry("amount_fen", "12800")
        .containsEntry("billing_period", "2026-10");
    assertThat(donor.reasons().get("ABNORMAL_STATUS")).containsEntry("since", "2026-01-05");
  }

  @Test
  void aCarrierAskingAboutANumberItServesIsRefusedAndNothingIsWritten() {
    int queried = core.events.of(DomainEvent.EligibilityQueried.class).size();

    Result<EligibilityQuery> own = core.query(CM, core.freshNumber(), SubscriberType.INDIVIDUAL);

    assertThat(own).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.code()).isEqualTo(RefusalCode.RECIPIENT_ALREADY_SERVES));
    assertThat(core.events.of(DomainEvent.EligibilityQueried.class)).hasSize(queried);
  }

  @Test
  void aNumberOfANonPortableBlockIsRefusedWhetherOrNotItsHolderTakesPartInPorting() {
    // satellite (SAT), MVNO (held by MVNO), MVNO resale held by China Mobile
    for (String number : List.of("13490000001", "17000000001", "16500000001")) {
      Result<EligibilityQuery> refused = core.query(CU, number, SubscriberType.INDIVIDUAL);
      assertThat(refused).as(number).isInstanceOfSatisfying(Refused.class, r -> {
        assertThat(r.code()).isEqualTo(RefusalCode.NOT_ELIGIBLE);
        assertThat(r.detail()).contains("not portable");
      });
    }
  }

  private static Row row(UUID queryId) {
    return core.database.session().execute("SELECT subscriber_type, subscriber_digest, subscriber_sealed "
        + "FROM eligibility_queries WHERE query_id = ?", queryId).one();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
