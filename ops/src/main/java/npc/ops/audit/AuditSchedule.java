package npc.ops.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit's periodic jobs on one thread of their own: the chain's checkpoint tick every second, the heads
 * checkpoint and the findings round. Closed before the chain appender and the database (it depends on both), and
 * a job in progress is let finish first, so that it does not meet a closed session.
 */
final class AuditSchedule implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "npc-audit");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code job} every {@code interval}; a failure is logged and retried at the next round. */
  AuditSchedule every(String name, Duration interval, Runnable job) {
    PeriodicTask.schedule(thread, name, interval, job);
    return this;
  }

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
