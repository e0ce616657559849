package npc.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a step of {@code bench} kept up with its offered load, so that its rate is counted over its arrivals. */
class BenchStepTest {

  private static final Duration WINDOW = Duration.ofSeconds(20);

  @Test
  void aStepWhosePortsAllCompletedKeptUp() {
    assertThat(BenchMain.keptUp(200, 196, 10, WINDOW)).isTrue();
  }

  @Test
  void aStepWhosePortsDidNotCompleteWithinTheDrainDidNotKeepUp() {
    assertThat(BenchMain.keptUp(200, 150, 10, WINDOW)).isFalse();
  }

  @Test
  void aStepWhoseArrivalsFellBehindTheScheduleDidNotKeepUpHoweverManyCompleted() {
    assertThat(BenchMain.keptUp(120, 120, 10, WINDOW)).isFalse();
  }
}
