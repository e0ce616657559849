package npc.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

  @Test
  void theCeilingDoublesWithEachAttemptUpToTheMaximum() {
    assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMillis(6_400).toNanos());
    assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(10).toNanos());
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void theDelayIsFullJitterFromZeroToTheCeiling() {
    assertThat(backoff.delay(3, highest())).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(3, lowest())).isZero();
    RandomGenerator random = new SplittableRandom(7);
    for (int attempt = 0; attempt < 20; attempt++) {
      assertThat(backoff.delay(attempt, random).toNanos()).isBetween(0L, backoff.ceiling(attempt));
    }
  }

  @Test
  void aBaseAboveTheMaximumIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RandomGenerator highest() {
    return new Fixed(true);
  }

  private static RandomGenerator lowest() {
    return new Fixed(false);
  }

  /** A random source at one end of every range. */
  private record Fixed(boolean top) implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      return top ? bound - 1 : 0;
    }
  }
}
