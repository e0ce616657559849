package npc.gateway.server;

import java.time.Duration;

/**
 * What the gateway allows at its edge, beside {@link GatewaySettings}: how long a session may last, how often the
 * certificate registry is read again, how many connections it holds, how fast it accepts new ones, and how long a
 * stop waits for requests in flight.
 *
 * @param maxSessionLifetime a session is closed with SESSION_EXPIRED after this long (or at its certificate's expiry)
 * @param certificateRefresh the certificate registry is read again this often; a revocation closes sessions within it
 * @param maxSessionsPerCarrier sessions one carrier may hold on this instance; more are refused at Hello
 * @param maxConnections connections this instance holds, handshakes included; more are closed at accept
 * @param acceptsPerSecondPerAddress new connections per second from one source address (a token bucket with as many
 *     tokens), beyond which a connection is closed at accept, before its TLS handshake
 * @param acceptsPerSecond new connections per second from all addresses together, likewise
 * @param drainTimeout how long a stop waits for requests that started to be answered
 */
public record ConnectionLimits(Duration maxSessionLifetime, Duration certificateRefresh, int maxSessionsPerCarrier,
    int maxConnections, int acceptsPerSecondPerAddress, int acceptsPerSecond, Duration drainTimeout) {

  public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofHours(24), Duration.ofSeconds(5),
      4, 512, 5, 100, Duration.ofSeconds(10));

  public ConnectionLimits {
    if (maxSessionLifetime.isNegative() || maxSessionLifetime.isZero() || certificateRefresh.isNegative()
        || certificateRefresh.isZero() || maxSessionsPerCarrier < 1 || maxConnections < 1
        || acceptsPerSecondPerAddress < 1 || acceptsPerSecond < 1 || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("inconsistent connection limits: " + this);
    }
  }

  public ConnectionLimits withMaxSessionLifetime(Duration value) {
    return new ConnectionLimits(value, certificateRefresh, maxSessionsPerCarrier, maxConnections,
        acceptsPerSecondPerAddress, acceptsPerSecond, drainTimeout);
  }

  public ConnectionLimits withCertificateRefresh(Duration value) {
    return new ConnectionLimits(maxSessionLifetime, value, maxSessionsPerCarrier, maxConnections,
        acceptsPerSecondPerAddress, acceptsPerSecond, drainTimeout);
  }

  public ConnectionLimits withConnections(int perCarrier, int total) {
    return new ConnectionLimits(maxSessionLifetime, certificateRefresh, perCarrier, total,
        acceptsPerSecondPerAddress, acceptsPerSecond, drainTimeout);
  }

  public ConnectionLimits withAcceptRate(int perAddress, int total) {
    return new ConnectionLimits(maxSessionLifetime, certificateRefresh, maxSessionsPerCarrier, maxConnections,
        perAddress, total, drainTimeout);
  }

  public ConnectionLimits withDrainTimeout(Duration value) {
    return new ConnectionLimits(maxSessionLifetime, certificateRefresh, maxSessionsPerCarrier, maxConnections,
        acceptsPerSecondPerAddress, acceptsPerSecond, value);
  }
}
