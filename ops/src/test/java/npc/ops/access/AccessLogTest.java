package npc.ops.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import org.junit.jupiter.api.Test;

/**
 * The access log's promises, driven step by step (no worker thread, no timing): entries reach the trail and free
 * their places; while the record is down they are kept, retried and, once the places are taken, new requests are
 * refused; at a stop what could not be recorded is counted (and logged), never dropped unnoticed.
 */
class AccessLogTest {
  private final Trail trail = new Trail();
  private final AccessLog log = new AccessLog(trail, 3, 2);

  @Test
  void entriesReachTheTrailAndFreeTheirPlaces() {
    List<AuditStep> steps = List.of(step(), step(), step());
    steps.forEach(s -> {
      assertThat(log.reserve()).isTrue();
      log.append(s);
    });
    assertThat(log.reserve()).as("every place taken").isFalse();

    assertThat(log.drainOnce()).isTrue();

    assertThat(trail.recorded).containsExactlyInAnyOrderElementsOf(steps);
    assertThat(log.taken()).isZero();
    assertThat(log.reserve()).isTrue();
  }

  @Test
  void whileTheRecordIsDownEntriesAreKeptAndNewRequestsRefusedUntilItRecovers() {
    AuditStep a = step();
    AuditStep b = step();
    log.reserve();
    log.append(a);
    log.reserve();
    log.append(b);
    trail.down = true;

    assertThat(log.drainOnce()).isFalse();
    assertThat(log.drainOnce()).isFalse();
    assertThat(trail.recorded).isEmpty();
    assertThat(log.reserve()).isTrue();
    assertThat(log.reserve()).as("a request beyond the places is refused").isFalse();

    trail.down = false;
    assertThat(log.drainOnce()).isTrue();
    assertThat(trail.recorded).containsExactlyInAnyOrder(a, b);
    log.release(); // the third request needed no entry
    assertThat(log.taken()).isZero();
  }

  @Test
  void atAStopWhatTheRecordDidNotTakeIsCountedAsLost() {
    log.reserve();
    log.append(step());
    trail.down = true;
    log.drainOnce();
    log.reserve();
    log.append(step());

    log.close();

    assertThat(log.lost()).isEqualTo(2);
  }

  private static AuditStep step() {
    return AuditStep.of(UUID.randomUUID(), AuditKind.API_READ, Instant.parse("2026-12-01T08:00:00Z"));
  }

  /** A trail that takes refusals and reads, or throws while {@code down}. */
  private static final class Trail implements AuditTrail {
    final List<AuditStep> recorded = Collections.synchronizedList(new ArrayList<>());
    volatile boolean down;

    @Override
    public CompletionStage<Void> intend(AuditStep step) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void applied(AuditStep step) {}

    @Override
    public void abandoned(AuditStep step) {}

    @Override
    public void record(AuditStep step) {
      if (down) {
        throw new IllegalStateException("the record is down");
      }
      recorded.add(step);
    }
  }
}
