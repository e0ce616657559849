package npc.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rejections per minute, on a clock the test moves. */
class RejectionTimelineTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:30Z"));
  private final RejectionTimeline timeline = new RejectionTimeline(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  });

  @Test
  void eachRejectionCountsInItsMinuteUnderItsCarrierAndReason() {
    timeline.record("CM", "UNPAID_CHARGES");
    timeline.record("CM", "UNPAID_CHARGES");
    timeline.record("CU", "NO_CODE");
    now.set(now.get().plus(Duration.ofMinutes(2)));
    timeline.record("CM", "UNPAID_CHARGES");

    RejectionTimeline.Window window = timeline.window();
    assertThat(window.from()).isEqualTo(Instant.parse("2026-12-02T09:03:00Z"));
    assertThat(window.series()).extracting(RejectionTimeline.Series::carrier, RejectionTimeline.Series::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CM", "UNPAID_CHARGES"),
            org.assertj.core.groups.Tuple.tuple("CU", "NO_CODE"));
    List<Long> cm = window.series().get(0).counts();
    assertThat(cm).hasSize(RejectionTimeline.MINUTES);
    assertThat(cm.subList(57, 60)).containsExactly(2L, 0L, 1L);
    assertThat(cm.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
  }

  @Test
  void minutesOlderThanTheWindowAreNotShown() {
    timeline.record("CM", "UNPAID_CHARGES");
    now.set(now.get().plus(Duration.ofMinutes(RejectionTimeline.MINUTES)));
    timeline.record("CU", "NO_CODE");

    assertThat(timeline.window().series()).extracting(RejectionTimeline.Series::carrier).containsExactly("CU");
  }
}
