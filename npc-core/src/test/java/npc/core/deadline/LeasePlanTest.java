package npc.core.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lease arithmetic of one round, from what an instance read. */
class LeasePlanTest {
  private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(10);
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final UUID C = new UUID(0, 3);

  @Test
  void theDuesOfTheLiveInstancesAddUpToEveryUnitAndDifferByOneAtMost() {
    for (int n = 1; n <= 20; n++) {
      List<UUID> members = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        members.add(new UUID(0, i + 1));
      }
      int total = 0;
      int least = Integer.MAX_VALUE;
      int most = 0;
      for (UUID member : members) {
        int due = LeasePlan.dueOf(member, members);
        total += due;
        least = Math.min(least, due);
        most = Math.max(most, due);
      }
      assertThat(total).as("%d instances", n).isEqualTo(Lease.UNITS.size());
      assertThat(most - least).as("%d instances", n).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aLoneInstanceTakesEveryFreeUnit() {
    LeasePlan plan = LeasePlan.of(A, NOW, List.of(), allFree(), Set.of());
    assertThat(plan.take()).extracting(Lease::unit).containsExactlyInAnyOrderElementsOf(Lease.UNITS);
    assertThat(plan.renew()).isEmpty();
    assertThat(plan.release()).isEmpty();
  }

  @Test
  void anInstanceTakesNoMoreThanItsDueWhileTheOthersAreShortOfTheirs() {
    LeasePlan plan = LeasePlan.of(A, NOW, List.of(A, B, C), allFree(), Set.of());
    assertThat(plan.take()).hasSize(6); // 17 units: 6, 6, 5
    assertThat(LeasePlan.of(C, NOW, List.of(A, B, C), allFree(), Set.of()).take()).hasSize(5);
  }

  @Test
  void freeUnitsNoOtherInstanceWantsAreTakenBeyondTheDue() {
    Map<Integer, Lease> leases = allFree();
    List<Integer> units = Lease.UNITS;
    for (int i = 0; i < 8; i++) {
      leases.put(units.get(i), new Lease(units.get(i), B, LATER, NOW)); // B holds its due and no more
    }
    LeasePlan plan = LeasePlan.of(A, NOW, List.of(A, B), leases, Set.of());
    assertThat(plan.take()).hasSize(9); // A's due is 9 of 17, B's 8: every free unit
  }

  @Test
  void theUnitsOfAnInstanceNoLongerLiveAreTakenOnceTheirLeasesRunOut() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (int unit : Lease.UNITS) {
      leases.put(unit, new Lease(unit, unit % 2 == 0 ? A : C, LATER, NOW));
    }
    assertThat(LeasePlan.of(A, NOW, List.of(A), leases, Set.of()).take())
        .as("C's leases have not run out").isEmpty();
    LeasePlan plan = LeasePlan.of(A, LATER, List.of(A), leases, Set.of());
    assertThat(plan.take()).extracting(Lease::unit).containsExactlyInAnyOrderElementsOf(Lease.UNITS);
    assertThat(plan.renew()).as("A's own ran out too: it takes them back").isEmpty();
  }

  @Test
  void anInstanceAboveItsDueGivesUpOnlyWhatAnInstanceShortOfItsDueCanTake() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (int unit : Lease.UNITS) {
      leases.put(unit, new Lease(unit, A, LATER, NOW));
    }
    LeasePlan plan = LeasePlan.of(A, NOW, List.of(A, B), leases, Set.of());
    assertThat(plan.release()).hasSize(8); // B, new, is due 8
    assertThat(plan.renew()).hasSize(9);
    assertThat(plan.take()).isEmpty();

    assertThat(LeasePlan.of(A, NOW, List.of(A), leases, Set.of()).release()).as("nobody wants them").isEmpty();
  }

  @Test
  void anInstanceShortOfItsDueTakesTheUnitsGivenUpAndNoneHeld() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (int unit : Lease.UNITS) {
      leases.put(unit, unit < 7 ? Lease.free(unit, NOW) : new Lease(unit, A, LATER, NOW));
    }
    LeasePlan plan = LeasePlan.of(B, NOW, List.of(A, B), leases, Set.of());
    assertThat(plan.take()).extracting(Lease::unit).containsExactlyInAnyOrder(-1, 0, 1, 2, 3, 4, 5, 6);
    assertThat(plan.release()).isEmpty();
  }

  @Test
  void aUnitFreeForAWholeLeaseIsTakenEvenWhileAnotherInstanceIsShort() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (int unit : Lease.UNITS) {
      leases.put(unit, unit == 3 ? Lease.free(unit, NOW) : new Lease(unit, A, LATER, NOW));
    }
    // B is live and short of its due, but has not taken unit 3 for a whole lease
    assertThat(LeasePlan.of(A, NOW, List.of(A, B), leases, Set.of()).take()).isEmpty();
    assertThat(LeasePlan.of(A, NOW, List.of(A, B), leases, Set.of(3)).take()).extracting(Lease::unit)
        .containsExactly(3);
  }

  private static Map<Integer, Lease> allFree() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (int unit : Lease.UNITS) {
      leases.put(unit, Lease.free(unit, NOW));
    }
    return leases;
  }
}
