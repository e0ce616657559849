package npc.audit.trail;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import npc.audit.chain.ChainAppender;
import npc.core.audit.AppliedSteps;
import npc.core.audit.AuditStep;

/**
 * Records the steps whose instance stopped between their write and their entry. Intents older than the grace period
 * and not done are judged by their step id alone ({@link AppliedSteps}): a step that applied is appended to this
 * instance's chain with its original time and step id and the evidence {@code recovered-from} naming the instance
 * that wrote the intent; a step that never applied makes no entry. Either way the intent is marked done. Two sweepers,
 * or a slow instance and a sweeper, may record one step twice: the entries share the step id and count once.
 *
 * <p>The service calls {@link #sweep} periodically (every few seconds is plenty). A sweeper starts {@code horizon}
 * back, so a restarted instance finds what the whole clearinghouse left open meanwhile, or further back where the
 * sweeps kept an earlier minute as how far they reached ({@link Intents#sweptTo()}): intents left open while every
 * instance was down for longer than the horizon are judged too. Each sweep that moves on keeps the minute it reached.
 */
public final class IntentSweeper {
  /** Intents younger than this belong to writes that may still be in flight. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HORIZON = Duration.ofHours(1);

  private final Intents intents;
  private final AppliedSteps applied;
  private final ChainAppender chain;
  private final Clock clock;
  private final Duration grace;
  private long cursor;
  /** The minute last kept as how far the sweeps reached, by this sweeper or before it started. */
  private long kept;

  public IntentSweeper(Intents intents, AppliedSteps applied, ChainAppender chain, Clock clock, Duration grace,
      Duration horizon) {
    this.intents = intents;
    this.applied = applied;
    this.chain = chain;
    this.clock = clock;
    this.grace = grace;
    long back = Intents.minuteOf(clock.instant().minus(horizon));
    OptionalLong swept = intents.sweptTo();
    this.cursor = swept.isPresent() ? Math.min(swept.getAsLong(), back) : back;
    this.kept = swept.orElse(Long.MIN_VALUE);
  }

  /**
   * Judges the open intents of every minute wholly older than the grace period; returns how many steps it recorded.
   * A minute is passed by for good once swept without error.
   */
  public synchronized int sweep() {
    long end = Intents.minuteOf(clock.instant().minus(grace));
    int recorded = 0;
    for (long minute = cursor; minute < end; minute++) {
      for (Intents.Intent intent : intents.open(minute)) {
        Optional<AuditStep> step = applied.applied(intent.step());
        if (step.isPresent()) {
          chain.appendNow(Records.of(step.get().with("recovered-from", intent.instance()))).join();
          recorded++;
        }
        intents.done(minute, intent.step());
      }
      cursor = minute + 1;
    }
    // Every minute from where this sweeper started (at or before what was kept when it started) to the cursor is
    // judged, so the cursor may stand for all sweepers whichever keeps it last.
    if (cursor > kept) {
      intents.sweptTo(cursor);
      kept = cursor;
    }
    return recorded;
  }
}
