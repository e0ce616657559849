package npc.gateway.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015):
 * before attempt {@code n} the client waits a uniform random time in {@code [0, min(max, base * 2^n)]}, so that
 * the carriers a gateway restart disconnected together do not all come back at the same instant.
 */
record Backoff(Duration base, Duration max) {
  Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max: " + base + ", " + max);
    }
  }

  /** The delay before attempt {@code attempt} (0 for the first retry). */
  Duration delay(int attempt, RandomGenerator random) {
    return Duration.ofNanos(random.nextLong(ceiling(attempt) + 1));
  }

  /** {@code min(max, base * 2^attempt)}, without overflowing. */
  long ceiling(int attempt) {
    long ceiling = base.toNanos();
    long max = this.max.toNanos();
    for (int i = 0; i < attempt && ceiling < max; i++) {
      ceiling = ceiling > max / 2 ? max : ceiling * 2;
    }
    return Math.min(ceiling, max);
  }
}
