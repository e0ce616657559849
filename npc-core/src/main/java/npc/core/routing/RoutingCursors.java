package npc.core.routing;

import java.time.Instant;
import java.util.Map;
import npc.core.carrier.CarrierId;

/** The last routing-log position each carrier acknowledged: where it stands, and how far behind the head. */
public interface RoutingCursors {
  /** Records {@code position} as the last the carrier acknowledged. */
  void record(CarrierId carrier, long position, Instant at);

  /** Every carrier's last acknowledged position. */
  Map<CarrierId, Long> positions();
}
