package npc.core.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.carrier.RoutingNumber;
import npc.core.numbering.Msisdn;

/**
 * One entry of the routing log: from {@code position} on, {@code msisdn} is served by {@code carrier} (empty: by
 * its range holder again). {@code version} orders the changes of one number; a consumer that sees a version it
 * already has drops the entry as a duplicate.
 */
public record RouteChange(long position, Msisdn msisdn, Optional<CarrierId> carrier,
    Optional<RoutingNumber> routingNumber, long version, Optional<UUID> portId, Instant changedAt) {
  public RouteChange {
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(routingNumber, "routingNumber");
    Objects.requireNonNull(portId, "portId");
    Objects.requireNonNull(changedAt, "changedAt");
    if (position < 0 || version < 1) {
      throw new IllegalArgumentException("positions start at 1 (0 before the change is appended), versions at 1");
    }
  }

  /** The same change at {@code value}, once the log has given it a position. */
  public RouteChange atPosition(long value) {
    return new RouteChange(value, msisdn, carrier, routingNumber, version, portId, changedAt);
  }
}
