package npc.gateway.server.admission;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides at accept, before any TLS work, whether a new connection may go on: at most {@code perAddress} new
 * connections a second from one source address and {@code total} a second from all, each a token bucket, and at
 * most {@code maxOpen} connections open at once. A carrier in a reconnect loop, or a stranger opening connections,
 * spends its own tokens and not the handshakes of others. The table of addresses forgets full buckets when it grows
 * past {@link #MAX_ADDRESSES}, and beyond that admits no address it does not already know.
 */
public final class AcceptLimiter {
  /** Addresses remembered at once; a full bucket is forgotten first. */
  static final int MAX_ADDRESSES = 4_096;

  /** Why a connection was not admitted. */
  public enum Verdict { ADMITTED, ADDRESS_TOO_FAST, ALL_TOO_FAST, TOO_MANY_OPEN }

  private final int perAddress;
  private final int maxOpen;
  private final LongSupplier nanos;
  private final TokenBucket all;
  private final Map<InetAddress, TokenBucket> addresses = new ConcurrentHashMap<>();

  public AcceptLimiter(int perAddress, int total, int maxOpen, LongSupplier nanos) {
    this.perAddress = perAddress;
    this.maxOpen = maxOpen;
    this.nanos = nanos;
    this.all = new TokenBucket(total, nanos.getAsLong());
  }

  /** Whether a connection from {@code address} may go on, with {@code open} connections already open. */
  public Verdict admit(InetAddress address, int open) {
    if (open >= maxOpen) {
      return Verdict.TOO_MANY_OPEN;
    }
    long now = nanos.getAsLong();
    TokenBucket bucket = addresses.get(address);
    if (bucket == null) {
      if (addresses.size() >= MAX_ADDRESSES) {
        addresses.values().removeIf(b -> b.isFull(now));
      }
      if (addresses.size() >= MAX_ADDRESSES) {
        return Verdict.ALL_TOO_FAST;
      }
      bucket = addresses.computeIfAbsent(address, a -> new TokenBucket(perAddress, now));
    }
    if (!bucket.tryTake(now)) {
      return Verdict.ADDRESS_TOO_FAST;
    }
    return all.tryTake(now) ? Verdict.ADMITTED : Verdict.ALL_TOO_FAST;
  }
}
