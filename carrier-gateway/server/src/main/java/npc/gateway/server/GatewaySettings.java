package npc.gateway.server;

import java.time.Duration;
import npc.gateway.server.frame.FrameDecoder;
import npc.gateway.server.push.PushContext;

/**
 * How the gateway listens and what it bounds.
 *
 * @param port 0 for any free port
 * @param workerThreads threads that run requests against the core (they block on the database)
 * @param writeLowWater a channel is writable again below this many unsent bytes
 * @param writeHighWater pushers stop above this many unsent bytes
 * @param unwritableLimit a channel unwritable this long belongs to a carrier that does not read: closed
 * @param maxPendingBytes a channel with more unsent bytes than this is closed at once
 * @param sendBufferBytes the kernel's send buffer of each connection (SO_SNDBUF), or 0 to leave it to the
 *     operating system, which grows it with the connection's throughput (on Linux up to {@code net.ipv4.tcp_wmem}'s
 *     maximum, 4 MiB by default). Output in it is sent as far as the server can tell: the bounds above start only
 *     once it is full, so a smaller buffer finds a carrier that stopped reading sooner, at some cost in throughput
 *     over long distances
 */
public record GatewaySettings(String host, int port, int maxFrameBytes, int maxInFlight, Duration pingInterval,
    Duration helloTimeout, int workerThreads, int writeLowWater, int writeHighWater, Duration unwritableLimit,
    long maxPendingBytes, PushContext.Settings push, int sendBufferBytes) {

  public GatewaySettings {
    if (maxFrameBytes < 1024 || maxInFlight < 1 || workerThreads < 1 || writeLowWater >= writeHighWater
        || maxPendingBytes <= writeHighWater || sendBufferBytes < 0) {
      throw new IllegalArgumentException("inconsistent gateway settings: " + this);
    }
  }

  /** The defaults the protocol document gives, on the given address; the kernel's send buffers left to the OS. */
  public static GatewaySettings defaults(String host, int port) {
    return new GatewaySettings(host, port, FrameDecoder.DEFAULT_MAX_FRAME_BYTES, 1_024, Duration.ofSeconds(30),
        Duration.ofSeconds(10), 32, 256 * 1024, 1024 * 1024, Duration.ofSeconds(30), 16L * 1024 * 1024,
        PushContext.Settings.DEFAULTS, 0);
  }

  public GatewaySettings withPush(PushContext.Settings value) {
    return new GatewaySettings(host, port, maxFrameBytes, maxInFlight, pingInterval, helloTimeout, workerThreads,
        writeLowWater, writeHighWater, unwritableLimit, maxPendingBytes, value, sendBufferBytes);
  }
}
