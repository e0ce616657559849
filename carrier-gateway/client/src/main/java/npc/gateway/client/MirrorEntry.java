package npc.gateway.client;

import java.util.Optional;

/**
 * What the mirror holds for a number: its route and the version of that route. A number given back to its range
 * holder keeps an entry with an empty carrier, so that its version still stops an older change from bringing
 * the route back.
 */
record MirrorEntry(String carrier, String routingNumber, long version) {
  boolean ported() {
    return !carrier.isEmpty();
  }

  Optional<Route> route() {
    return ported() ? Optional.of(new Route(carrier, routingNumber)) : Optional.empty();
  }
}
