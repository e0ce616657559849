package npc.core.porting;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.routing.RoutingCursors;

/**
 * A carrier's acknowledgement of a position of the routing log: it has applied every change up to it. That is its
 * position in the log (where it resumes), and, for each port whose change it covers, the carrier's acknowledgement
 * that its network routes the number to the port's recipient: a fact of the port ({@link Port#ACK}), which with the
 * others completes it.
 */
public final class RoutingAcknowledgement {
  private final PortingService service;
  private final RoutingCursors cursors;
  private final Clock clock;

  public RoutingAcknowledgement(PortingService service, RoutingCursors cursors, Clock clock) {
    this.service = service;
    this.cursors = cursors;
    this.clock = clock;
  }

  /**
   * Records that {@code carrier} applied every change up to {@code position}, and acknowledges each port of
   * {@code portsReceivedAt} (the ports whose changes up to that position it was sent) as received at its time: when
   * the carrier's acknowledgement covering it was read ({@link PortingService#factReceived}, which this tells that
   * the fact was recorded or failed). Idempotent: an acknowledgement recorded twice changes nothing, so a caller
   * whose call failed midway calls again with the same ports.
   *
   * @return how many of the ports took the acknowledgement (the others had ended, or are unknown to the carrier)
   */
  public int acknowledge(CarrierId carrier, long position, Map<UUID, Instant> portsReceivedAt) {
    cursors.record(carrier, position, clock.instant());
    int taken = 0;
    for (Map.Entry<UUID, Instant> port : portsReceivedAt.entrySet()) {
      try {
        if (service.acknowledgeRoute(carrier, port.getKey(), port.getValue()) instanceof Done<Port>) {
          taken++;
        }
      } finally {
        service.factRecorded(carrier, port.getKey(), Port.ACK, port.getValue());
      }
    }
    return taken;
  }
}
