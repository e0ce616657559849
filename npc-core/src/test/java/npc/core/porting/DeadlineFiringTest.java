package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.Lease;
import npc.core.deadline.MemoryDeadlineLeases;
import npc.core.deadline.MemoryDeadlines;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** One instance firing the rows of the units it holds; the sharing among instances is DeadlineShareTest's. */
class DeadlineFiringTest {
  private static final Instant START = Instant.parse("2026-11-29T02:59:50Z"); // ten seconds before an hour ends
  private static final Duration LEASE = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(START);
  private final MemoryDeadlines store = new MemoryDeadlines();
  private final MemoryDeadlineLeases leases = new MemoryDeadlineLeases();
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
    clock.advance(Duration.ofSeconds(5));
    assertThat(firing.fireDue()).isZero();
    clock.advance(Duration.ofMinutes(5)); // far past the settle window: the cursor waits for the row
    assertThat(firing.fireDue()).isZero();

    failing.clear();
    clock.advance(Duration.ofSeconds(1));
    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(stubborn, stubborn, stubborn);
  }

  @Test
  void anInstanceThatTakesOverResumesFromTheSavedCursorsAndSkipsWhatWasFiredBefore() {
    Deadline early = store.added(START.plusSeconds(1));
    DeadlineFiring first = firing();
    for (int i = 0; i < 60; i++) { // a minute of rounds: the cursors are saved with every renewal
      clock.advance(Duration.ofSeconds(1));
      first.fireDue();
    }
    assertThat(handedOver).containsExactly(early);
    Instant saved = clock.instant().minus(LEASE.dividedBy(3));
    assertThat(leases.rows.values()).allSatisfy(lease -> assertThat(lease.firedThrough()).isAfterOrEqualTo(saved));

    Deadline later = store.added(clock.instant().plus(LEASE).plusSeconds(1));
    clock.advance(LEASE.plusSeconds(2)); // the first instance stopped: its leases ran out
    handedOver.clear();
    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(later).doesNotContain(early);
  }

  @Test
  void withoutASavedCursorTheLegacyRowsAreLookedBackForAsFarAsTheLookback() {
    Deadline missed = store.addLegacy(START.minus(Duration.ofDays(6)));
    store.addLegacy(START.minus(DeadlineShare.LOOKBACK).minus(DeadlineFiring.SETTLE).minusSeconds(1));

    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(missed);
  }

  @Test
  void theCursorAnEarlierVersionSavedIsWhereTheLegacyRowsResume() {
    store.legacyCursor = Optional.of(START.minus(Duration.ofHours(1)));
    store.addLegacy(START.minus(Duration.ofHours(2)));
    Deadline after = store.addLegacy(START.minus(Duration.ofMinutes(30)));

    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(after);
  }

  @Test
  void aSavedCursorAheadOfThisInstancesClockIsNotTrusted() {
    store.legacyCursor = Optional.of(START.plus(Duration.ofHours(2)));
    Deadline due = store.addLegacy(START.minusSeconds(1));

    assertThat(firing().fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(due);
  }

  @Test
  void aShardStartsAMinuteBeforeTheFirstInstanceMadeItsLease() {
    DeadlineFiring firing = firing();
    Deadline lateByHalfAMinute = store.added(START.minusSeconds(30));

    assertThat(firing.fireDue()).isEqualTo(1);
    assertThat(handedOver).containsExactly(lateByHalfAMinute);
  }

  @Test
  void theRowsOfOneSubjectAreHandedOverInTheOrderTheyFallDue() {
    UUID port = UUID.randomUUID();
    Deadline b = new Deadline(START.plusSeconds(3), Deadline.Kind.ROUTING_ACK, port, "+8613800138000");
    Deadline a = new Deadline(START.plusSeconds(2), Deadline.Kind.ACTIVATION, port, "+8613800138000");
    store.add(b);
    store.add(a);
    clock.advance(Duration.ofSeconds(5));

    firing().fireDue();
    assertThat(handedOver).containsExactly(a, b);
  }

  @Test
  void aRoundLongerThanALeaseRenewsItsLeasesBetweenRowsSoThatNoOtherInstanceTakesThem() {
    for (int i = 0; i < 60; i++) {
      store.added(START.plusSeconds(1));
    }
    UUID first = UUID.randomUUID();
    DeadlineFiring slow = new DeadlineFiring(store, new DeadlineShare(leases, store, first, LEASE, clock), clock,
        deadline -> {
          handedOver.add(deadline);
          clock.advance(Duration.ofSeconds(1)); // a slow write: the round lasts a minute, four leases
        });
    clock.advance(Duration.ofSeconds(2));
    assertThat(slow.fireDue()).isEqualTo(60);

    assertThat(leases.rows.values()).allSatisfy(lease -> assertThat(lease.heldBy(first, clock.instant())).isTrue());
    DeadlineFiring other = firing();
    other.fireDue();
    assertThat(other.units()).as("nothing ran out for it to take").isEmpty();
    assertThat(handedOver).hasSize(60);
  }

  @Test
  void aLoneInstanceFiresEveryUnit() {
    DeadlineFiring firing = firing();
    firing.fireDue();
    assertThat(firing.units()).containsExactlyInAnyOrderElementsOf(Lease.UNITS);
  }

  private DeadlineFiring firing() {
    DeadlineShare share = new DeadlineShare(leases, store, UUID.randomUUID(), LEASE, clock);
    return new DeadlineFiring(store, share, clock, deadline -> {
      handedOver.add(deadline);
      if (failing.contains(deadline)) {
        throw new IllegalStateException("the database is away");
      }
    });
  }
}
