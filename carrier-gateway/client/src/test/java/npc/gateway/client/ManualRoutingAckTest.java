package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.RouteUpdate;
import npc.gateway.protocol.v1.RoutingUpdates;
import org.junit.jupiter.api.Test;

/**
 * Routing acknowledgements left to the application ({@code manualRoutingAcks(true)}): the gateway hears of a
 * change only when the application says its network routes it, never because the mirror applied it.
 */
class ManualRoutingAckTest extends FakeGatewayTest {
  private final RoutingMirror mirror = new RoutingMirror();
  private final BlockingQueue<Long> applied = new LinkedBlockingQueue<>();

  @Test
  void theGatewayHearsOnlyThePositionsTheApplicationAcknowledges() throws Exception {
    connectManual();
    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(1, 3)));
    awaitApplied(3);

    client.acknowledgeRoutes(2);

    assertThat(gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition())
        .as("the first acknowledgement is the application's, not the mirror's position 3").isEqualTo(2);
    client.acknowledgeRoutes(3);
    assertThat(gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition()).isEqualTo(3);
  }

  @Test
  void anAcknowledgementBeyondWhatTheConnectionSentIsClampedToItsLastPosition() throws Exception {
    connectManual();
    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(1, 2)));
    awaitApplied(2);

    client.acknowledgeRoutes(9);

    assertThat(gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition()).isEqualTo(2);
  }

  @Test
  void positionsSentOnAnEarlierConnectionAreNotAcknowledgedOnTheNextOne() throws Exception {
    connectManual();
    gateway.send("s:r1", frame -> frame.setRoutingUpdates(updates(1, 3)));
    awaitApplied(3);
    gateway.dropConnection();
    gateway.nextSession();
    gateway.nextSession();
    assertThat(gateway.next(BodyCase.ROUTING_SUBSCRIBE).getRoutingSubscribe().getResumeAfter()).isEqualTo(3);

    client.acknowledgeRoutes(3);
    gateway.send("s:r2", frame -> frame.setRoutingUpdates(updates(4, 4)));
    awaitApplied(4);
    client.acknowledgeRoutes(4);

    assertThat(gateway.next(BodyCase.ROUTING_ACK).getRoutingAck().getPosition())
        .as("position 3 was sent by the dropped connection: the gateway would refuse it").isEqualTo(4);
  }

  @Test
  void aClientThatAcknowledgesByItselfRefusesTheApplicationsAcknowledgement() throws Exception {
    connect(carrier().routingMirror(mirror));

    assertThatThrownBy(() -> client.acknowledgeRoutes(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("manualRoutingAcks");
  }

  private void connectManual() throws Exception {
    mirror.addListener(new RouteListener() {
      @Override
      public void onRouteChanged(String msisdn, Optional<Route> route, long position) {
        applied.add(position);
      }
    }, Runnable::run);
    connect(carrier().routingMirror(mirror).manualRoutingAcks(true));
    gateway.next(BodyCase.ROUTING_SUBSCRIBE);
  }

  private void awaitApplied(long position) throws InterruptedException {
    Long last = -1L;
    while (last < position) {
      last = applied.poll(WAIT, TimeUnit.SECONDS);
      assertThat(last).as("route change up to position %d", position).isNotNull();
    }
  }

  private static RoutingUpdates updates(long from, long to) {
    RoutingUpdates.Builder updates = RoutingUpdates.newBuilder();
    for (long position = from; position <= to; position++) {
      updates.addUpdates(RouteUpdate.newBuilder().setPosition(position).setMsisdn("+86138" + (10_000_000 + position))
          .setCarrier("CU").setRoutingNumber("RN-CU").setVersion(1));
    }
    return updates.build();
  }
}
