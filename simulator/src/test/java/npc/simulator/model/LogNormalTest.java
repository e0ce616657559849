package npc.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import npc.simulator.scenario.LatencySpec;
import org.junit.jupiter.api.Test;

class LogNormalTest {

  private final LogNormal answers = LogNormal.fitted(new LatencySpec(Duration.ofSeconds(1), Duration.ofSeconds(5)));

  @Test
  void theFittedDistributionHasTheGivenMedianAndP99() {
    assertThat(answers.atScore(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat((double) answers.atScore(LogNormal.Z99).toNanos()).isCloseTo(5e9, within(1.0));
  }

  @Test
  void drawsFollowTheDistribution() {
    int n = 100_000;
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      nanos[i] = answers.draw(7, i).toNanos();
    }
    Arrays.sort(nanos);
    assertThat((double) nanos[n / 2]).isCloseTo(1e9, within(0.03e9));
    assertThat((double) nanos[n * 99 / 100]).isCloseTo(5e9, within(0.25e9));
    assertThat(answers.draw(7, 123)).isEqualTo(answers.draw(7, 123));
  }

  @Test
  void aP99EqualToTheMedianIsAFixedTime() {
    LogNormal fixed = LogNormal.fitted(new LatencySpec(Duration.ofMillis(300), Duration.ofMillis(300)));
    assertThat(fixed.draw(1, 2)).isEqualTo(Duration.ofMillis(300));
  }
}
