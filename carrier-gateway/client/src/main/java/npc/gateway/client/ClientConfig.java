package npc.gateway.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The client's settings, validated; {@link CarrierClientBuilder} documents each and gives the defaults.
 */
record ClientConfig(String host, int port, ClientTls tls, String clientName, String clientVersion,
    Duration requestTimeout, Duration handshakeTimeout, Backoff backoff, int maxInboundFrameBytes,
    int dedupCapacity, boolean routingStream, boolean manualRoutingAcks, Clock clock) {
  ClientConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(clock, "clock");
    if (host.isBlank() || port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the gateway's address is wrong: " + host + ":" + port);
    }
    positive(requestTimeout, "requestTimeout");
    positive(handshakeTimeout, "handshakeTimeout");
    if (maxInboundFrameBytes < 1 || dedupCapacity < 1) {
      throw new IllegalArgumentException("maxInboundFrameBytes and dedupCapacity must be positive");
    }
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
