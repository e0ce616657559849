package npc.gateway.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.SubscriberType;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.dispatch.RequestError;
import org.junit.jupiter.api.Test;

class PendingQueriesTest {
  private static final CarrierId CT = new CarrierId("CT");
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private final PendingQueries pending = new PendingQueries(2, () -> NOW);

  @Test
  void aCarrierWithItsBoundOfQueriesPendingTowardADonorIsRefusedBusyWhileOthersAreNot() {
    pending.publish(new DomainEvent.EligibilityQueried(NOW, query(CT, CM, NOW.plusSeconds(60))));
    pending.publish(new DomainEvent.EligibilityQueried(NOW, query(CT, CM, NOW.plusSeconds(60))));

    assertThatThrownBy(() -> pending.admit(CT, CM)).isInstanceOfSatisfying(RequestError.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
      assertThat(e.getMessage()).contains("CT has 2 eligibility queries pending toward CM");
    });
    pending.admit(CT, CU); // another donor
    pending.admit(CU, CM); // another asker
  }

  @Test
  void anAnsweredOrExpiredQueryOrOnePastItsDeadlineNoLongerCounts() {
    EligibilityQuery answered = query(CT, CM, NOW.plusSeconds(60));
    EligibilityQuery expired = query(CT, CM, NOW.plusSeconds(60));
    pending.publish(new DomainEvent.EligibilityQueried(NOW, answered));
    pending.publish(new DomainEvent.EligibilityQueried(NOW, expired));
    pending.publish(new DomainEvent.EligibilityAnswered(NOW, answered));
    pending.publish(new DomainEvent.EligibilityExpired(NOW, expired));
    assertThat(pending.pending(CT, CM)).isZero();

    pending.publish(new DomainEvent.EligibilityQueried(NOW, query(CT, CM, NOW.minus(Duration.ofSeconds(1)))));
    pending.publish(new DomainEvent.EligibilityQueried(NOW, query(CT, CM, NOW)));
    pending.admit(CT, CM); // both deadlines passed: answered elsewhere, or expired
    assertThat(pending.pending(CT, CM)).isZero();
  }

  private static EligibilityQuery query(CarrierId asker, CarrierId donor, Instant deadline) {
    return new EligibilityQuery(UUID.randomUUID(), new Msisdn(86, 13900000001L, 11), asker, donor, NOW, deadline,
        EligibilityQuery.State.PENDING, Optional.empty(), Map.of(), List.of(), SubscriberType.INDIVIDUAL,
        Optional.empty());
  }
}
