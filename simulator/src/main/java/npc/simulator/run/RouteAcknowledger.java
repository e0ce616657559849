package npc.simulator.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import npc.gateway.client.Route;
import npc.gateway.client.RouteListener;
import npc.simulator.carrier.Carrier;
import npc.simulator.carrier.TruthLog;
import npc.simulator.scenario.Tactic;

/**
 * One carrier's routing acknowledgements, sent by the simulator rather than the SDK (its client is built with
 * {@code manualRoutingAcks(true)}): each change is "routed" after the carrier's drawn acknowledgement time, plus
 * the {@code slow_routing_ack} delay when the tactic picks it, and acknowledged as {@link RoutedPositions} allows.
 * A change the tactic delays is written to the truth log.
 */
final class RouteAcknowledger implements RouteListener {

  private final String carrierId;
  private final Carrier carrier;
  private final LongConsumer acknowledge;
  private final ScheduledExecutorService timer;
  private final TruthLog truth;
  private final RoutedPositions positions = new RoutedPositions();

  RouteAcknowledger(String carrierId, Carrier carrier, LongConsumer acknowledge, ScheduledExecutorService timer,
      TruthLog truth) {
    this.carrierId = carrierId;
    this.carrier = carrier;
    this.acknowledge = acknowledge;
    this.timer = timer;
    this.truth = truth;
  }

  @Override
  public void onRouteChanged(String msisdn, Optional<Route> route, long position) {
    Carrier.Timed when = carrier.routingAck(position);
    for (Tactic tactic : when.touched()) {
      truth.touched(carrierId, tactic, "routing_ack", Map.of("position", Long.toString(position)));
    }
    schedule(position, when);
  }

  @Override
  public void onSnapshotLoaded(long position, int portedNumbers) {
    schedule(position, carrier.routingAck(position));
  }

  private void schedule(long position, Carrier.Timed when) {
    positions.received(position);
    long delay = when.after().map(d -> d.toNanos()).orElse(0L);
    timer.schedule(() -> routed(position), delay, TimeUnit.NANOSECONDS);
  }

  private void routed(long position) {
    long upTo = positions.routed(position);
    if (upTo > 0) {
      acknowledge.accept(upTo);
    }
  }
}
