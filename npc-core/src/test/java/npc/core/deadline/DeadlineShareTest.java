package npc.core.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Instances sharing the units by leases over one store of leases, each running its round at every tick of one
 * clock: they split the units evenly, never hold one unit both at once, and take over a stopped instance's units
 * within the bound.
 */
class DeadlineShareTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Duration TICK = Duration.ofSeconds(1);
  /** The takeover bound the design states: a lease, then a third of one until the next round, then a tick. */
  private static final Duration BOUND = LEASE.plus(LEASE.dividedBy(3)).plus(TICK);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T03:00:00Z"));
  private final MemoryDeadlineLeases leases = new MemoryDeadlineLeases();
  private final MemoryDeadlines deadlines = new MemoryDeadlines();
  private final List<DeadlineShare> running = new ArrayList<>();
  /** When each unit was last held by some instance. */
  private final Map<Integer, Instant> lastHeld = new HashMap<>();

  @Test
  void threeInstancesSplitTheUnitsEvenlyAndNeverHoldOneTwice() {
    start(3);
    tick(Duration.ofMinutes(1));

    List<Integer> counts = running.stream().map(s -> s.held(clock.instant()).size()).sorted().toList();
    assertThat(counts).containsExactly(5, 6, 6);
    assertThat(everyHeldUnit()).containsExactlyInAnyOrderElementsOf(Lease.UNITS);
  }

  @Test
  void theUnitsOfAnInstanceThatStopsAreTakenOverWithinTheBoundAndNotBeforeItsLeasesRunOut() {
    start(3);
    tick(Duration.ofMinutes(1));
    DeadlineShare stopped = running.remove(2);
    Set<Integer> orphaned = stopped.held(clock.instant());
    Instant stoppedAt = clock.instant();
    Instant lastRenewal = leases.rows.get(orphaned.iterator().next()).expiresAt().minus(LEASE);

    Instant takenOver = null;
    while (takenOver == null && clock.instant().isBefore(stoppedAt.plus(Duration.ofMinutes(1)))) {
      clock.advance(TICK);
      roundOfEach();
      Set<Integer> survivors = everyHeldUnit();
      if (survivors.containsAll(orphaned)) {
        takenOver = clock.instant();
      } else if (!survivors.stream().filter(orphaned::contains).toList().isEmpty()) {
        assertThat(clock.instant()).as("a unit taken before the stopped one's lease ran out")
            .isAfterOrEqualTo(lastRenewal.plus(LEASE));
      }
    }
    assertThat(takenOver).as("taken over within a minute").isNotNull();
    assertThat(takenOver).isAfterOrEqualTo(lastRenewal.plus(LEASE))
        .isBeforeOrEqualTo(lastRenewal.plus(BOUND));
    tick(Duration.ofMinutes(1));
    assertThat(running.stream().map(s -> s.held(clock.instant()).size()).sorted().toList()).containsExactly(8, 9);
  }

  @Test
  void anInstanceThatJoinsGetsItsDueWhileNoUnitStaysUnheldLongerThanARound() {
    start(1);
    tick(Duration.ofSeconds(30));
    assertThat(running.get(0).held(clock.instant())).hasSize(Lease.UNITS.size());

    start(2);
    tick(Duration.ofMinutes(1));
    assertThat(running.stream().map(s -> s.held(clock.instant()).size()).sorted().toList())
        .containsExactly(5, 6, 6);
    assertThat(everyHeldUnit()).containsExactlyInAnyOrderElementsOf(Lease.UNITS);
  }

  @Test
  void aTakeThatAppliedThoughItsAnswerWasLostIsHeldAtTheNextRoundFromTheSavedCursor() {
    Instant saved = clock.instant().minusSeconds(42);
    leases.create(5, saved);
    leases.loseTheAnswerOfATakeOf = 5;
    DeadlineShare share = new DeadlineShare(leases, deadlines, UUID.randomUUID(), LEASE, clock);
    Map<Integer, Instant> taken = new HashMap<>();
    for (int round = 0; round < 10 && !share.held(clock.instant()).contains(5); round++) {
      try {
        taken.putAll(share.maintain(clock.instant(), unit -> null));
      } catch (IllegalStateException timeout) {
        // the timer logs it and tries again at its next tick
      }
      clock.advance(TICK);
    }
    assertThat(leases.rows.get(5).holder()).isEqualTo(share.instance());
    assertThat(share.held(clock.instant())).contains(5);
    assertThat(taken).as("handed to the firing, from where its last holder stopped").containsEntry(5, saved);
  }

  @Test
  void aLeaseShorterThanThreeSecondsIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DeadlineShare(leases, deadlines, UUID.randomUUID(), Duration.ofSeconds(2), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 s");
  }

  private void start(int instances) {
    for (int i = 0; i < instances; i++) {
      running.add(new DeadlineShare(leases, deadlines, UUID.randomUUID(), LEASE, clock));
    }
  }

  /** Runs every instance's round at every tick for {@code duration}, checking each unit's holders. */
  private void tick(Duration duration) {
    Instant end = clock.instant().plus(duration);
    while (clock.instant().isBefore(end)) {
      clock.advance(TICK);
      roundOfEach();
    }
  }

  private void roundOfEach() {
    for (DeadlineShare share : running) {
      share.maintain(clock.instant(), unit -> clock.instant());
    }
    Set<Integer> seen = new HashSet<>();
    for (DeadlineShare share : running) {
      for (int unit : share.held(clock.instant())) {
        assertThat(seen.add(unit)).as("unit %d held by two instances at %s", unit, clock.instant()).isTrue();
        lastHeld.put(unit, clock.instant());
      }
    }
    if (!lastHeld.isEmpty() && lastHeld.size() == Lease.UNITS.size()) {
      for (Map.Entry<Integer, Instant> unit : lastHeld.entrySet()) {
        assertThat(Duration.between(unit.getValue(), clock.instant()))
            .as("unit %d unheld too long at %s", unit.getKey(), clock.instant())
            .isLessThanOrEqualTo(BOUND);
      }
    }
  }

  private Set<Integer> everyHeldUnit() {
    Set<Integer> held = new HashSet<>();
    running.forEach(share -> held.addAll(share.held(clock.instant())));
    return held;
  }
}
