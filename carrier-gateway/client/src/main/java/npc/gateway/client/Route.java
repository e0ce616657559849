package npc.gateway.client;

import java.util.Objects;

/**
 * Where calls to a ported number go.
 *
 * @param carrier the carrier serving the number, a registry id ("CM")
 * @param routingNumber the prefix calls to the number are routed with
 */
public record Route(String carrier, String routingNumber) {
  public Route {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(routingNumber, "routingNumber");
    if (carrier.isEmpty()) {
      throw new IllegalArgumentException("a route names its carrier");
    }
  }
}
