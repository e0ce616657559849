package npc.core.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's share of the deadline work: the units it holds by lease, kept by a lease round every third of a
 * lease ({@link LeasePlan} decides, conditional writes make it so). A holder that stops renewing loses its units a
 * lease after its last round, and a survivor's next round, at most a third of a lease later, takes them: a row due
 * meanwhile fires at most {@code lease * 4/3} plus one round of the caller's timer late.
 *
 * <p>Not thread-safe: one caller, the instance's deadline round.
 */
public final class DeadlineShare {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineShare.class);
  /** The lease length unless configured: renewed every 5 s, so that a renewal may take 10 s and still be in time. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
  /** How far back firing looks for deadlines missed while no instance ran; rows are kept a day longer. */
  public static final Duration LOOKBACK = Duration.ofDays(7);
  /**
   * Where a shard's first lease starts before the instant its row is made: rows of the shard can only have been
   * written by an instance that made sure the row exists first, so this covers a row written late and the clocks of
   * instances apart.
   */
  static final Duration FIRST_START_MARGIN = Duration.ofMinutes(1);

  private final DeadlineLeases leases;
  private final DeadlineStore deadlines;
  private final UUID instance;
  private final Duration lease;
  private final Duration renewEvery;
  /** The units held, and when each lease runs out by this instance's clock. */
  private final Map<Integer, Instant> held = new TreeMap<>();
  /** When each unit was first seen free, of the units free at the last round. */
  private final Map<Integer, Instant> freeSince = new HashMap<>();
  private Instant nextRound = Instant.MIN;

  /**
   * Makes sure every unit has a lease row before this instance writes any deadline (a shard's first row starts a
   * minute before now, the legacy unit's where the earlier version stopped, or now when it left no row, or the
   * look-back), and announces this instance.
   */
  public DeadlineShare(DeadlineLeases leases, DeadlineStore deadlines, UUID instance, Duration lease, Clock clock) {
    this.leases = Objects.requireNonNull(leases, "leases");
    this.instance = Objects.requireNonNull(instance, "instance");
    if (lease == null || lease.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("a deadline lease must last 3 s at least, not " + lease);
    }
    this.lease = lease;
    this.renewEvery = lease.dividedBy(3);
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    Instant now = clock.instant();
    createMissing(leases.leases(), now, now.minus(FIRST_START_MARGIN));
    // Counted by the others from now on, so that instances starting together each take their due, not all.
    leases.announce(instance, now.plus(lease));
  }

  /**
   * Creates the lease row of each unit that has none, a shard's fired through {@code shardStart}; returns whether
   * there was one to create.
   */
  private boolean createMissing(Map<Integer, Lease> existing, Instant now, Instant shardStart) {
    boolean created = false;
    for (int unit : Lease.UNITS) {
      if (!existing.containsKey(unit)) {
        leases.create(unit, unit == Lease.LEGACY ? legacyStart(deadlines, now) : shardStart);
        created = true;
      }
    }
    return created;
  }

  private static Instant legacyStart(DeadlineStore deadlines, Instant now) {
    return deadlines.legacyFiredThrough().orElseGet(() -> deadlines.legacyEmpty() ? now : now.minus(LOOKBACK));
  }

  public UUID instance() {
    return instance;
  }

  public Duration lease() {
    return lease;
  }

  /** The units this instance holds at {@code now}: leases it renewed (or took) and that have not run out. */
  public Set<Integer> held(Instant now) {
    return held.entrySet().stream().filter(e -> e.getValue().isAfter(now)).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Whether this instance holds {@code unit} at {@code now}. */
  public boolean holds(int unit, Instant now) {
    Instant expiry = held.get(unit);
    return expiry != null && expiry.isAfter(now);
  }

  /**
   * A lease round, when one is due (every third of a lease): announces this instance, renews what it holds saving
   * each unit's cursor ({@code cursorOf}, null for a unit the caller has no cursor of), gives up and takes units as
   * {@link LeasePlan} says. Returns the units
   * taken, each with the cursor its last holder saved. Throws when the database cannot be reached; the next call
   * tries again.
   */
  public Map<Integer, Instant> maintain(Instant now, Function<Integer, Instant> cursorOf) {
    if (now.isBefore(nextRound)) {
      return Map.of();
    }
    Instant until = now.plus(lease);
    leases.announce(instance, until);
    Set<UUID> live = leases.instances().entrySet().stream().filter(e -> e.getValue().isAfter(now))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    Map<Integer, Lease> rows = leases.leases();
    if (createMissing(rows, now, now.minus(LOOKBACK))) { // removed by hand: rows may be due since any time
      rows = leases.leases();
    }
    LeasePlan plan = LeasePlan.of(instance, now, live, rows, longFree(rows, now));
    Map<Integer, Instant> taken = new TreeMap<>();
    for (int unit : plan.renew()) {
      Instant cursor = cursorOf(unit, cursorOf, rows);
      if (leases.renew(unit, instance, until, cursor)) {
        if (!held.containsKey(unit)) { // a take whose answer was lost (a timeout) had applied
          taken.put(unit, cursor);
        }
        held.put(unit, until);
      } else {
        held.remove(unit);
        LOG.info("Deadline unit {} was taken over by another instance", unit);
      }
    }
    for (int unit : plan.release()) {
      held.remove(unit);
      leases.release(unit, instance, cursorOf(unit, cursorOf, rows));
    }
    held.keySet().removeIf(unit -> !plan.renew().contains(unit)); // run out, or given up
    for (Lease free : plan.take()) {
      if (leases.take(free, instance, until)) {
        held.put(free.unit(), until);
        taken.put(free.unit(), free.firedThrough());
      }
    }
    nextRound = now.plus(renewEvery);
    return taken;
  }

  /** The caller's cursor of a unit, or the one its lease row holds when the caller has none for it. */
  private static Instant cursorOf(int unit, Function<Integer, Instant> cursorOf, Map<Integer, Lease> rows) {
    Instant cursor = cursorOf.apply(unit);
    return cursor != null ? cursor : rows.get(unit).firedThrough();
  }

  /** Keeps, for each unit free now, when it was first seen free; returns those free for a whole lease. */
  private Set<Integer> longFree(Map<Integer, Lease> rows, Instant now) {
    Set<Integer> longFree = new HashSet<>();
    for (int unit : Lease.UNITS) {
      Lease row = rows.get(unit);
      if (row == null || row.free(now)) {
        Instant since = freeSince.computeIfAbsent(unit, u -> now);
        if (!since.plus(lease).isAfter(now)) {
          longFree.add(unit);
        }
      } else {
        freeSince.remove(unit);
      }
    }
    return longFree;
  }
}
