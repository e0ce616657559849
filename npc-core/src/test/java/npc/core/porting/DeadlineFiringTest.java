package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class DeadlineFiringTest {
  private static final Instant START = Instant.parse("2026-11-29T02:59:50Z"); // ten seconds before an hour ends

  private final MutableClock clock = new MutableClock(START);
  private final MemoryDeadlines store = new MemoryDeadlines();
  private final List<Deadline> handedOver = new ArrayList<>();
  private final Set<Deadline> failing = new HashSet<>();

  @Test
  void eachDueRowIsHandedOverOnceHoweverManyRoundsSeeIt() {
    Deadline first = store.added(START.plusSeconds(1));
    Deadline second = store.added(START.plusSeconds(20)); // in the next hour
    DeadlineFiring firing = firing();

    assertThat(firing.fireDue()).isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(firing.fireDue()).isZero();
    clock.advance(Duration.ofSeconds(30));
    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(firing.fireDue()).isZero();

    assertThat(handedOver).containsExactly(first, second);
  }

  @Test
  void aRowWrittenAfterItsTimeHadPassedStillFiresWithinTheSettleWindow() {
    DeadlineFiring firing = firing();
    clock.advance(Duration.ofSeconds(30));
    firing.fireDue();
    Deadline late = store.added(clock.instant().minus(DeadlineFiring.SETTLE).plusSeconds(1));

    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(late);
  }

  @Test
  void aFailingRowIsHandedOverAgainAtEveryRoundUntilItSucceeds() {
    Deadline stubborn = store.added(START.plusSeconds(1));
    failing.add(stubborn);
    DeadlineFiring firing = firing();
    clock.advance(Duration.ofMinutes(5));
    assertThat(firing.fireDue()).isZero();
    clock.advance(Duration.ofMinutes(5)); // far past the settle window: the cursor waits for the row
    assertThat(firing.fireDue()).isZero();

    failing.clear();
    clock.advance(Duration.ofSeconds(1));
    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(stubborn, stubborn, stubborn);
  }

  @Test
  void anInstanceThatStartsResumesFromTheSavedCursorAndSkipsWhatWasFiredBefore() {
    Deadline early = store.added(START.plusSeconds(1));
    DeadlineFiring first = firing();
    clock.advance(Duration.ofMinutes(1));
    first.fireDue();
    assertThat(store.cursor).contains(clock.instant());

    Deadline later = store.added(clock.instant().plus(DeadlineFiring.SETTLE).plusSeconds(1));
    clock.advance(DeadlineFiring.SETTLE.plusSeconds(2));
    handedOver.clear();
    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(later).doesNotContain(early);
  }

  @Test
  void withoutASavedCursorTheFirstRoundLooksBackForMissedDeadlines() {
    Deadline missed = store.added(START.minus(Duration.ofDays(6)));
    store.added(START.minus(DeadlineFiring.LOOKBACK).minus(DeadlineFiring.SETTLE).minusSeconds(1));

    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(missed);
  }

  @Test
  void aSavedCursorAheadOfThisInstancesClockIsNotTrusted() {
    store.cursor = Optional.of(START.plus(Duration.ofHours(2)));
    Deadline due = store.added(START.minusSeconds(1));

    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(due);
  }

  @Test
  void rowsAreHandedOverInTheOrderTheyFallDue() {
    Deadline b = store.added(START.plusSeconds(3));
    Deadline a = store.added(START.plusSeconds(2));
    clock.advance(Duration.ofSeconds(5));

    firing().fireDue();
    assertThat(handedOver).containsExactly(a, b);
  }

  private DeadlineFiring firing() {
    return new DeadlineFiring(store, clock, deadline -> {
      handedOver.add(deadline);
      if (failing.contains(deadline)) {
        throw new IllegalStateException("the database is away");
      }
    });
  }

  /** Deadline rows in memory, read as the Cassandra store reads them: by hour, within bounds, in due order. */
  private static final class MemoryDeadlines implements DeadlineStore {
    final List<Deadline> rows = new ArrayList<>();
    Optional<Instant> cursor = Optional.empty();

    Deadline added(Instant dueAt) {
      Deadline deadline = new Deadline(dueAt, Deadline.Kind.DONOR_ANSWER, UUID.randomUUID(), "+8613800138000");
      add(deadline);
      return deadline;
    }

    @Override
    public void addAll(List<Deadline> deadlines) {
      rows.addAll(deadlines);
    }

    @Override
    public List<Deadline> due(long dueHour, Instant from, Instant upTo) {
      return rows.stream()
          .filter(d -> d.dueHour() == dueHour && !d.dueAt().isBefore(from) && !d.dueAt().isAfter(upTo))
          .sorted(Comparator.comparing(Deadline::dueAt))
          .toList();
    }

    @Override
    public Optional<Instant> firedThrough() {
      return cursor;
    }

    @Override
    public void recordFiredThrough(Instant through) {
      cursor = Optional.of(through);
    }
  }
}
