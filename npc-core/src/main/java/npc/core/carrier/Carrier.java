package npc.core.carrier;

import java.util.Objects;

/**
 * A carrier known to the clearinghouse.
 *
 * @param id            its id
 * @param name          its display name
 * @param routingNumber where calls to numbers it serves are routed
 * @param participant   whether it takes part in porting (recipient, donor, routing subscriber); a holder of
 *                      non-portable ranges only, such as a satellite operator, does not
 */
public record Carrier(CarrierId id, String name, RoutingNumber routingNumber, boolean participant) {
  public Carrier {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(routingNumber, "routingNumber");
  }
}
