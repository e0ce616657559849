package npc.gateway.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import npc.gateway.protocol.v1.Welcome;

/**
 * An open session: what the gateway's {@code Welcome} announced. The limits hold for this connection only; a
 * reconnect opens a new session whose limits may differ.
 *
 * @param carrierId the carrier this connection acts for, as the client certificate proved
 * @param protocolVersion the version both sides speak
 * @param maxFrameBytes the longest frame the gateway accepts; longer requests are refused here
 * @param maxInFlight the requests the gateway accepts awaiting an answer
 * @param pingInterval the client pings after this much silence, and gives up on a gateway silent three times as long
 * @param regime the rules the clearinghouse runs: "cn", "in"...
 * @param serverTime the gateway's clock when it answered, to see a skew of one's own
 */
public record Session(String carrierId, int protocolVersion, int maxFrameBytes, int maxInFlight,
    Duration pingInterval, String regime, Instant serverTime) {
  /** What the protocol gives when the gateway leaves a limit unset (0): its documented defaults. */
  static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  static final int DEFAULT_MAX_IN_FLIGHT = 1_024;
  static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

  public Session {
    Objects.requireNonNull(carrierId, "carrierId");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(serverTime, "serverTime");
  }

  /** The session a Welcome opens; a limit the gateway left at 0 ("not given") takes the protocol's default. */
  static Session of(Welcome welcome) {
    Duration ping = Duration.ofSeconds(welcome.getPingInterval().getSeconds(), welcome.getPingInterval().getNanos());
    return new Session(welcome.getCarrierId(), welcome.getProtocolVersion(),
        welcome.getMaxFrameBytes() > 0 ? welcome.getMaxFrameBytes() : DEFAULT_MAX_FRAME_BYTES,
        welcome.getMaxInFlight() > 0 ? welcome.getMaxInFlight() : DEFAULT_MAX_IN_FLIGHT,
        ping.isZero() || ping.isNegative() ? DEFAULT_PING_INTERVAL : ping,
        welcome.getRegime(),
        Instant.ofEpochSecond(welcome.getServerTime().getSeconds(), welcome.getServerTime().getNanos()));
  }
}
