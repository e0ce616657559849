package npc.core.porting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.DeadlineStore;
import npc.core.deadline.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadline rows of the units this instance holds ({@link DeadlineShare}), each unit from its own cursor,
 * handing each row to its handler once per instance. The shards held are read together, one request an hour (the
 * legacy unit apart), so that a round costs an instance one read however many shards it holds. Rows are never deleted, so a round reads only the rows due
 * after the unit's cursor (less a settle window) and skips nothing it has seen before: with deletions, every round
 * would read again the tombstones of every row fired earlier in the hour, which at a country's rate passes
 * Cassandra's tombstone limit within the hour, and the read then fails.
 *
 * <p>A unit's cursor advances to now after each round, but never past a row whose handler failed: that row is
 * handed over again at every round until it succeeds. Rows due up to {@link #SETTLE} before the cursor are read
 * again, for a row written after its due time had been passed (a write slowed by a timeout, or an instance whose
 * clock runs behind); the rows of that window already handled are remembered and skipped. The cursor is saved with
 * each renewal of the unit's lease, so that the unit's next holder resumes there.
 *
 * <p>Two instances may hand over the same row (a unit taken over resumes from the cursor saved at its last
 * renewal): handlers act through conditional writes, so only one of them changes anything.
 */
final class DeadlineFiring {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineFiring.class);
  /** Longer than a request's timeout plus the clock skew between instances. */
  static final Duration SETTLE = Duration.ofSeconds(15);

  private final DeadlineStore deadlines;
  private final DeadlineShare share;
  private final Clock clock;
  private final Consumer<Deadline> handler;
  /** The units this instance fires, each with its cursor. */
  private final Map<Integer, UnitCursor> units = new TreeMap<>();

  /** {@code handler} throws if it could not act on the row; the row is then handed over again next round. */
  DeadlineFiring(DeadlineStore deadlines, DeadlineShare share, Clock clock, Consumer<Deadline> handler) {
    this.deadlines = deadlines;
    this.share = share;
    this.clock = clock;
    this.handler = handler;
  }

  /** One round: keeps the leases, then hands over every due row of the units held not handled yet. */
  synchronized int fireDue() {
    Instant now = clock.instant();
    keepLeases(now);
    units.keySet().retainAll(share.held(now));
    Map<Integer, UnitCursor> shards = new TreeMap<>(units);
    UnitCursor legacy = shards.remove(Lease.LEGACY);
    int fired = legacy == null ? 0 : fireDue(Map.of(Lease.LEGACY, legacy), now);
    return fired + (shards.isEmpty() ? 0 : fireDue(shards, now));
  }

  /**
   * Hands over the due rows of {@code cursors}' units, read for all of them at once (one request an hour), each row
   * to its unit's cursor.
   */
  private int fireDue(Map<Integer, UnitCursor> cursors, Instant now) {
    cursors.values().forEach(cursor -> cursor.begin(now));
    Instant from = cursors.values().stream().map(cursor -> cursor.from).min(Instant::compareTo).orElseThrow();
    int fired = 0;
    for (long hour = hourOf(from); hour <= hourOf(now); hour++) {
      for (Deadline deadline : deadlines.due(cursors.keySet(), hour, from, now)) {
        int unit = cursors.containsKey(Lease.LEGACY) ? Lease.LEGACY : deadline.shard();
        UnitCursor cursor = cursors.get(unit);
        Instant at = clock.instant();
        keepLeases(at);
        if (cursor != null && share.holds(unit, at) && cursor.offer(deadline)) {
          fired++;
        }
      }
    }
    cursors.values().forEach(UnitCursor::end);
    return fired;
  }

  /**
   * Runs a lease round when one is due, at the start of a round and between its rows: a round with a backlog may
   * last longer than a lease, which must not run out meanwhile. A unit taken starts from its saved cursor at the next
   * round; a unit lost or given up is fired no more.
   */
  private void keepLeases(Instant now) {
    Map<Integer, Instant> taken =
        share.maintain(now, unit -> units.containsKey(unit) ? units.get(unit).save() : null);
    taken.forEach((unit, firedThrough) -> {
      UnitCursor mine = units.get(unit);
      if (mine == null || !firedThrough.equals(mine.saved)) { // taken from another holder, or new
        units.put(unit, new UnitCursor(start(firedThrough, now)));
      } // else: this instance's own lease ran out and nobody else fired the unit: go on from its own cursor
    });
  }

  /** The units this instance fired at its last round. */
  synchronized Set<Integer> units() {
    return Set.copyOf(units.keySet());
  }

  /** Where a unit taken starts: its saved cursor, looking back no further than the look-back, never ahead of now. */
  private static Instant start(Instant firedThrough, Instant now) {
    Instant lookback = now.minus(DeadlineShare.LOOKBACK);
    if (firedThrough.isBefore(lookback)) {
      return lookback;
    }
    return firedThrough.isAfter(now) ? now : firedThrough;
  }

  /** One unit's cursor, the rows of its settle window already handled, and a round in progress. */
  private final class UnitCursor {
    /** Every row of the unit due before it was handled (by this instance or the unit's earlier holders). */
    private Instant cursor;
    /** The rows due since {@code cursor - SETTLE} that this instance handled. */
    private final Set<Deadline> handled = new HashSet<>();
    /** The cursor this instance last saved in the unit's lease. */
    private Instant saved;
    /** Of the round in progress: where it reads from, the cursor it started at, the earliest row that failed. */
    private Instant from;
    private Instant through;
    private Instant held;

    UnitCursor(Instant cursor) {
      this.cursor = cursor;
    }

    Instant save() {
      saved = cursor;
      return cursor;
    }

    void begin(Instant now) {
      through = now.isBefore(cursor) ? now : cursor; // the clock was set back: read from there
      from = through.minus(SETTLE);
      held = now;
    }

    /** Hands the row over unless it is before this unit's window or was handled; whether it was handed now. */
    boolean offer(Deadline deadline) {
      if (deadline.dueAt().isBefore(from) || handled.contains(deadline)) {
        return false;
      }
      if (fire(deadline)) {
        handled.add(deadline);
        return true;
      }
      if (deadline.dueAt().isBefore(held)) {
        held = deadline.dueAt();
      }
      return false;
    }

    void end() {
      cursor = held.isAfter(through) ? held : through;
      Instant keptFrom = cursor.minus(SETTLE);
      handled.removeIf(deadline -> deadline.dueAt().isBefore(keptFrom));
    }
  }

  private boolean fire(Deadline deadline) {
    try {
      handler.accept(deadline);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Deadline {} of {} for {} failed; it is handed over again next round", deadline.kind(),
          deadline.subject(), deadline.msisdn(), e);
      return false;
    }
  }

  private static long hourOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 3600);
  }
}
