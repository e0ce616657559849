package npc.gateway.server.admission;

/**
 * A token bucket: holds at most {@code perSecond} tokens, refilled at {@code perSecond} a second; each take spends
 * one. Time is given by the caller (nanoseconds, monotonic), so it is deterministic to test.
 */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  TokenBucket(int perSecond, long nowNanos) {
    this.capacity = perSecond;
    this.perNano = perSecond / 1e9;
    this.tokens = perSecond;
    this.lastNanos = nowNanos;
  }

  synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whether the bucket is full at {@code nowNanos}: it then remembers nothing and may be forgotten. */
  synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(capacity, tokens + elapsed * perNano);
    lastNanos = nowNanos;
  }
}
