package npc.gateway.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.porting.Port;
import npc.core.porting.SubscriberType;
import npc.core.port.PortState;
import npc.core.regime.RegimeLoader;
import npc.gateway.protocol.v1.LaggardFact;
import npc.gateway.protocol.v1.PortNotice;
import npc.gateway.protocol.v1.PortStatus;
import org.junit.jupiter.api.Test;

/** What each party of a port is shown of it: the donor never sees the recipient's sales data. */
class MessagesTest {
  private static final CarrierId CM = new CarrierId("CM");
  private static final CarrierId CU = new CarrierId("CU");
  private static final Instant AT = Instant.parse("2026-11-29T02:20:00.123Z");
  private static final Port PORT = Port.opened(UUID.randomUUID(),
      RegimeLoader.builtIn("cn").numbers().parse("13800000001").orElseThrow(), "order-77", "outlet:BJ-0001", CU, CM,
      SubscriberType.INDIVIDUAL, AT, AT.plusSeconds(1_800));

  @Test
  void theDonorsNoticeOfAPortCarriesNoOrderAndNoChannel() {
    PortNotice notice = Messages.portNotice(PORT);
    assertThat(notice.toString()).doesNotContain("order-77").doesNotContain("outlet:BJ-0001");
    assertThat(notice.getRecipient()).isEqualTo("CU");
  }

  @Test
  void onlyTheRecipientSeesItsOrderIdInAPortsStatus() {
    assertThat(Messages.portStatus(PORT, CU).getOrderId()).isEqualTo("order-77");
    PortStatus donorView = Messages.portStatus(PORT, CM);
    assertThat(donorView.getOrderId()).isEmpty();
    assertThat(donorView.toString()).doesNotContain("outlet:BJ-0001");
  }

  @Test
  void aStatusKeepsTheMillisecondsOfEachTime() {
    assertThat(Messages.portStatus(PORT, CU).getSubmittedAt().getNanos()).isEqualTo(123_000_000);
  }

  @Test
  void laggardsAreNamedWithTheFactsTheyMissed() {
    Port ended = PORT.activated(AT.plusSeconds(3_600), Set.of(CM, CU)).ended(PortState.COMPLETED_WITH_LAGGARDS,
        AT.plusSeconds(4_500), Map.of(CM, Set.of(Port.ACK, Port.DEACTIVATED), CU, Set.of(Port.ACK)));
    PortStatus status = Messages.portStatus(ended, CU);
    assertThat(status.getLaggardsList()).containsExactly("CM", "CU");
    assertThat(status.getLaggardFacts(0).getMissedList()).containsExactly(LaggardFact.LAGGARD_FACT_ROUTING_ACK,
        LaggardFact.LAGGARD_FACT_DEACTIVATION);
    assertThat(status.getLaggardFacts(1).getMissedList()).containsExactly(LaggardFact.LAGGARD_FACT_ROUTING_ACK);
  }
}
