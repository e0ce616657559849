package npc.core.porting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the deadline rows due since a cursor and hands each to its handler, once per instance. Rows are never
 * deleted, so a round reads only the rows due after the cursor (less a settle window) and skips nothing it has
 * seen before: with deletions, every round would read again the tombstones of every row fired earlier in the hour,
 * which at a country's rate passes Cassandra's tombstone limit within the hour, and the read then fails.
 *
 * <p>The cursor advances to now after each round, but never past a row whose handler failed: that row is handed
 * over again at every round until it succeeds. Rows due up to {@link #SETTLE} before the cursor are read again,
 * for a row written after its due time had been passed (a write slowed by a timeout, or an instance whose clock
 * runs behind); the rows of that window already handled are remembered and skipped. The cursor is saved every
 * {@link #SAVE_EVERY}, so that an instance that starts resumes there instead of reading days of rows.
 *
 * <p>Several instances may hand over the same row: handlers act through conditional writes, so only one of them
 * changes anything.
 */
final class DeadlineFiring {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineFiring.class);
  /** How far back the first round looks for deadlines missed while no instance ran, when no cursor was saved. */
  static final Duration LOOKBACK = Duration.ofDays(7);
  /** Longer than a request's timeout plus the clock skew between instances. */
  static final Duration SETTLE = Duration.ofSeconds(15);
  static final Duration SAVE_EVERY = Duration.ofSeconds(10);

  private final DeadlineStore deadlines;
  private final Clock clock;
  private final Consumer<Deadline> handler;
  /** Every row due before it was handled by this instance; empty before the first round. */
  private Optional<Instant> cursor = Optional.empty();
  private Instant saved = Instant.EPOCH;
  /** The rows due since {@code cursor - SETTLE} that this instance handled. */
  private final Set<Deadline> handled = new HashSet<>();

  /** {@code handler} throws if it could not act on the row; the row is then handed over again next round. */
  DeadlineFiring(DeadlineStore deadlines, Clock clock, Consumer<Deadline> handler) {
    this.deadlines = deadlines;
    this.clock = clock;
    this.handler = handler;
  }

  /** One round: hands over every row due by now not handled yet; returns how many were handled. */
  synchronized int fireDue() {
    Instant now = clock.instant();
    Instant through = cursor.orElseGet(() -> start(now));
    if (now.isBefore(through)) { // the clock was set back: read from there, skipping what was handled
      through = now;
    }
    Instant from = through.minus(SETTLE);
    int fired = 0;
    Instant held = now;
    for (long hour = hourOf(from); hour <= hourOf(now); hour++) {
      for (Deadline deadline : deadlines.due(hour, from, now)) {
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
    Instant next = held.isAfter(through) ? held : through;
    cursor = Optional.of(next);
    Instant keptFrom = next.minus(SETTLE);
    handled.removeIf(deadline -> deadline.dueAt().isBefore(keptFrom));
    if (Duration.between(saved, next).compareTo(SAVE_EVERY) >= 0) {
      deadlines.recordFiredThrough(next);
      saved = next;
    }
    return fired;
  }

  /** Where the first round starts: the saved cursor (never ahead of this instance's clock), or the lookback. */
  private Instant start(Instant now) {
    Instant lookback = now.minus(LOOKBACK);
    Instant start = deadlines.firedThrough().filter(lookback::isBefore).orElse(lookback);
    saved = start.isAfter(now) ? now : start;
    return saved;
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
