package npc.ops.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import npc.core.porting.PortingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadlines that are due, on one thread, every interval: a donor's silence becomes consent, codes and
 * queries expire, activations happen. Every instance runs one; the instances share the deadlines by leased
 * shards (each round renews this instance's leases when due), and the core makes a deadline act once however many
 * instances see it due. A failure (the database unreachable for a while) is logged and the next tick tries again:
 * a deadline missed now is still due then. Logged once per run of failures, so that an outage does not flood the
 * log every second.
 */
final class DeadlineTimer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineTimer.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final PortingService service;
  private final Duration interval;
  private final ScheduledExecutorService thread;
  private int failuresInARow;

  DeadlineTimer(PortingService service, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("npc.deadlines.interval must be positive, not " + interval);
    }
    this.service = service;
    this.interval = interval;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "npc-deadlines");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::fireDue, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void fireDue() {
    try {
      int fired = service.fireDueDeadlines();
      if (failuresInARow > 0) {
        LOG.info("Deadlines fire again after {} failed attempts", failuresInARow);
        failuresInARow = 0;
      }
      if (fired > 0) {
        LOG.debug("Fired {} due deadlines", fired);
      }
    } catch (RuntimeException e) {
      // Never let it escape: a scheduled task that throws is never run again.
      if (failuresInARow++ == 0) {
        LOG.warn("Firing due deadlines failed; trying again every {} until it works", interval, e);
      }
    }
  }

  /** Stops the timer, letting a firing in progress finish first so that it does not meet a closed database. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
