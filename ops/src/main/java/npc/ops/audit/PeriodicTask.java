package npc.ops.audit;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the audit's periodic jobs on a shared scheduler. A failure (the database unreachable for a while) is logged
 * once per run of failures and the next round tries again: a heads checkpoint or a findings round missed now is
 * made at the next one. A task that threw would never be run again by the scheduler, so nothing escapes.
 */
final class PeriodicTask implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Runnable job;
  private int failuresInARow;

  private PeriodicTask(String name, Runnable job) {
    this.name = name;
    this.job = job;
  }

  /** Runs {@code job} every {@code interval} on {@code scheduler}, the first time one interval from now. */
  static void schedule(ScheduledExecutorService scheduler, String name, Duration interval, Runnable job) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval of " + name + " must be positive, not " + interval);
    }
    scheduler.scheduleWithFixedDelay(new PeriodicTask(name, job), interval.toNanos(), interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public void run() {
    try {
      job.run();
      if (failuresInARow > 0) {
        LOG.info("The audit's {} works again after {} failed attempts", name, failuresInARow);
        failuresInARow = 0;
      }
    } catch (RuntimeException e) {
      if (failuresInARow++ == 0) {
        LOG.warn("The audit's {} failed; trying again at every round until it works", name, e);
      }
    }
  }
}
