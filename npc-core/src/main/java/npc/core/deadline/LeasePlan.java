package npc.core.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What one instance does with the leases in one lease round, from what it read: plain arithmetic, so that the
 * sharing rules are tested without a database.
 *
 * <p>Of the live instances sorted by id, each is due {@code units / n} units and the first {@code units % n} one more,
 * so the dues add up to every unit. An instance renews what it holds; takes free units (no row, given up, or run
 * out) up to its due, starting at a place of its own so that instances starting together do not all race for the
 * same units; gives up units above its due only as far as other live instances are short of theirs and the free
 * units would not fill them; and takes free units beyond its due when no other instance would (coverage before
 * balance), or when a unit has been free for a whole lease (an instance counted live that does not take its due).
 */
public record LeasePlan(List<Integer> renew, List<Integer> release, List<Lease> take) {

  /**
   * @param me this instance
   * @param now this instance's clock
   * @param live the instances announced live at {@code now} (this one is counted whether listed or not)
   * @param leases the lease row of each unit; a unit without one counts as free, fired through {@code Instant.MIN}
   * @param longFree the units seen free for a whole lease
   */
  public static LeasePlan of(UUID me, Instant now, Collection<UUID> live, Map<Integer, Lease> leases,
      Set<Integer> longFree) {
    List<UUID> members = new ArrayList<>(new TreeSet<>(live));
    if (!members.contains(me)) {
      members.add(me);
      members.sort(null);
    }
    List<Integer> mine = new ArrayList<>();
    List<Lease> free = new ArrayList<>();
    int offset = Math.floorMod(me.hashCode(), Lease.UNITS.size());
    for (int i = 0; i < Lease.UNITS.size(); i++) {
      int unit = Lease.UNITS.get((offset + i) % Lease.UNITS.size());
      Lease lease = leases.getOrDefault(unit, Lease.free(unit, Instant.MIN));
      if (lease.heldBy(me, now)) {
        mine.add(unit);
      } else if (lease.free(now)) {
        free.add(lease);
      }
    }
    int short_ = 0;
    for (UUID member : members) {
      if (!member.equals(me)) {
        long held = leases.values().stream().filter(l -> l.heldBy(member, now)).count();
        short_ += (int) Math.max(0, dueOf(member, members) - held);
      }
    }
    int due = dueOf(me, members);
    mine.sort(null);
    int giveUp = Math.min(Math.max(0, mine.size() - due), Math.max(0, short_ - free.size()));
    List<Integer> release = List.copyOf(mine.subList(mine.size() - giveUp, mine.size()));
    List<Integer> renew = List.copyOf(mine.subList(0, mine.size() - giveUp));

    int wanted = Math.max(0, due - mine.size());
    List<Lease> take = new ArrayList<>(free.subList(0, Math.min(wanted, free.size())));
    List<Lease> left = free.subList(take.size(), free.size());
    int nobodyWants = Math.max(0, left.size() - short_);
    for (int i = 0; i < left.size(); i++) {
      Lease lease = left.get(i);
      if (i < nobodyWants || longFree.contains(lease.unit())) {
        take.add(lease);
      }
    }
    return new LeasePlan(renew, release, List.copyOf(take));
  }

  /** The units due to {@code member} of {@code members}, sorted. */
  static int dueOf(UUID member, List<UUID> members) {
    int n = members.size();
    int units = Lease.UNITS.size();
    return units / n + (members.indexOf(member) < units % n ? 1 : 0);
  }
}
