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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadline rows of the units this instance holds ({@link DeadlineShare}), each unit from its own cursor,
 * handing each row to its handler once per instance. Rows are never deleted, so a round reads only the rows due
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
    share.maintain(now, unit -> units.get(unit).save()).forEach((unit, firedThrough) -> {
      UnitCursor mine = units.get(unit);
      if (mine == null || !firedThrough.equals(mine.saved)) { // taken from another holder, or new
        units.put(unit, new UnitCursor(start(firedThrough, now)));
      } // else: this instance's own lease ran out and nobody else fired the unit: go on from its own cursor
    });
    units.keySet().retainAll(share.held(now));
    int fired = 0;
    for (Map.Entry<Integer, UnitCursor> unit : units.entrySet()) {
      fired += unit.getValue().fireDue(unit.getKey(), now);
    }
    return fired;
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

  /** One unit's cursor and the rows of its settle window already handled. */
  private final class UnitCursor {
    /** Every row of the unit due before it was handled (by this instance or the unit's earlier holders). */
    private Instant cursor;
    /** The rows due since {@code cursor - SETTLE} that this instance handled. */
    private final Set<Deadline> handled = new HashSet<>();
    /** The cursor this instance last saved in the unit's lease. */
    private Instant saved;

    UnitCursor(Instant cursor) {
      this.cursor = cursor;
    }

    Instant save() {
      saved = cursor;
      return cursor;
    }

    int fireDue(int unit, Instant now) {
      Instant through = now.isBefore(cursor) ? now : cursor; // the clock was set back: read from there
      Instant from = through.minus(SETTLE);
      int fired = 0;
      Instant held = now;
      for (long hour = hourOf(from); hour <= hourOf(now); hour++) {
        for (Deadline deadline : deadlines.due(unit, hour, from, now)) {
          if (handled.contains(deadline)) {
            continue;
          }
          if (fire(deadline)) {
            handled.add(deadline);
            fired++;
          } else if (deadline.dueAt().isBefore(held)) {
            held = deadline.dueAt();
          }
        }
      }
      cursor = held.isAfter(through) ? held : through;
      Instant keptFrom = cursor.minus(SETTLE);
      handled.removeIf(deadline -> deadline.dueAt().isBefore(keptFrom));
      return fired;
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
