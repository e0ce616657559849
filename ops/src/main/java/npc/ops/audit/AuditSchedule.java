package npc.ops.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit's periodic jobs on three threads of their own: the chain's checkpoint tick and the signing key file's
 * re-read every second, the heads checkpoint, the findings round and the report figures' round. Three, so that a long
 * findings round and a long figures round (the first after a start of each reads every chain once) do not hold back
 * the chain's checkpoints; a job never overlaps itself. Closed before the chain appender and the database (it depends on both), and
 * a job in progress is let finish first, so that it does not meet a closed session.
 */
final class AuditSchedule implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(3, runnable -> {
    Thread t = new Thread(runnable, "npc-audit");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code job} every {@code interval}; a failure is logged and retried at the next round. */
  AuditSchedule every(String name, Duration interval, Runnable job) {
    PeriodicTask.schedule(threads, name, interval, job);
    return this;
  }

  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
