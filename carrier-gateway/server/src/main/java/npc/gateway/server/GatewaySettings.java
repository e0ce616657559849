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
 * @param quotas what one carrier may take of the instance's shared threads, whatever its connections
 */
public record GatewaySettings(String host, int port, int maxFrameBytes, int maxInFlight, Duration pingInterval,
    Duration helloTimeout, int workerThreads, int writeLowWater, int writeHighWater, Duration unwritableLimit,
    long maxPendingBytes, PushContext.Settings push, int sendBufferBytes, Quotas quotas) {

  /**
   * Bounds that keep one carrier, however many connections it opens, from taking what the others need.
   *
   * @param snapshotThreads routing snapshots running at once on the instance (each scans every route)
   * @param snapshotQueue snapshots waiting for one of those threads; a subscribe beyond is answered BUSY
   * @param snapshotsPerCarrier snapshots one carrier may have running or waiting; a subscribe beyond is BUSY
   * @param carrierInFlight requests of one carrier, all its connections together, waiting for or on a worker; a
   *     request beyond is answered BUSY. Each connection's own bound ({@code maxInFlight}) holds as well
   * @param carrierRunning the running requests every carrier is sure of, divided among the carriers active at the
   *     moment (at least one each; at most {@code workerThreads} in all)
   * @param instanceRunning requests running at once on the instance, all carriers together (at least
   *     {@code carrierRunning}, at most {@code workerThreads}): a carrier runs more than its share only in what the
   *     others leave, and one place stays free for each other active carrier with nothing running
   * @param queriesPerDonor eligibility queries one carrier may have pending toward one donor (each is a notice in
   *     the donor's outbox, ahead of its port notices); a query beyond is answered BUSY
   * @param carrierRate requests a second one carrier, all its connections together, may have reach the database
   *     (lookups, served from memory, do not count); a request beyond is answered BUSY
   * @param carrierBurst requests beyond {@code carrierRate} a carrier may send at once after a quiet spell
   */
  public record Quotas(int snapshotThreads, int snapshotQueue, int snapshotsPerCarrier, int carrierInFlight,
      int carrierRunning, int instanceRunning, int queriesPerDonor, int carrierRate, int carrierBurst) {
    public static final Quotas DEFAULTS = new Quotas(2, 8, 1, 2_048, 2, 4, 500, 100, 400);

    public Quotas {
      if (snapshotThreads < 1 || snapshotQueue < 0 || snapshotsPerCarrier < 1 || carrierInFlight < 1
          || carrierRunning < 1 || instanceRunning < carrierRunning || queriesPerDonor < 1 || carrierRate < 1 || carrierBurst < 1) {
        throw new IllegalArgumentException("inconsistent gateway quotas: " + this);
      }
    }
  }

  /** The settings with the default {@link Quotas}. */
  public GatewaySettings(String host, int port, int maxFrameBytes, int maxInFlight, Duration pingInterval,
      Duration helloTimeout, int workerThreads, int writeLowWater, int writeHighWater, Duration unwritableLimit,
      long maxPendingBytes, PushContext.Settings push, int sendBufferBytes) {
    this(host, port, maxFrameBytes, maxInFlight, pingInterval, helloTimeout, workerThreads, writeLowWater,
        writeHighWater, unwritableLimit, maxPendingBytes, push, sendBufferBytes, Quotas.DEFAULTS);
  }

  public GatewaySettings {
    if (maxFrameBytes < 1024 || maxInFlight < 1 || workerThreads < 1 || writeLowWater >= writeHighWater
        || maxPendingBytes <= writeHighWater || sendBufferBytes < 0 || quotas == null) {
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
        writeLowWater, writeHighWater, unwritableLimit, maxPendingBytes, value, sendBufferBytes, quotas);
  }

  public GatewaySettings withQuotas(Quotas value) {
    return new GatewaySettings(host, port, maxFrameBytes, maxInFlight, pingInterval, helloTimeout, workerThreads,
        writeLowWater, writeHighWater, unwritableLimit, maxPendingBytes, push, sendBufferBytes, value);
  }
}
