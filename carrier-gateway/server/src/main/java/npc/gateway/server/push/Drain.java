package npc.gateway.server.push;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import npc.core.storage.OutageLog;

/**
 * Work that a wake-up starts and that runs on one thread at a time: wake-ups while it runs make it run once more,
 * never twice at once and never lost. Each turn does one page ({@link #drainOnce}) and then yields its thread.
 */
abstract class Drain {
  private final Executor executor;
  private final OutageLog outage;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean again;

  /** Failures go to {@code outage}: told when they start and end, not at every retry. */
  Drain(Executor executor, OutageLog outage) {
    this.executor = executor;
    this.outage = outage;
  }

  /** Makes {@link #drainOnce} run soon. */
  final void wake() {
    again = true;
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // stopping
      }
    }
  }

  /** Pushes what can be pushed now; returns true if there may be more right away. */
  abstract boolean drainOnce();

  /**
   * One page, then the thread goes to the next drain waiting for it: a connection with much to push never keeps
   * the shared pushers from the others. A drain with more (or woken meanwhile) queues itself again behind them.
   */
  private void run() {
    boolean more = false;
    try {
      again = false;
      more = drainOnce();
      outage.succeeded();
    } catch (RuntimeException e) {
      outage.failed(e); // the next wake-up tries again
    } finally {
      scheduled.set(false);
    }
    if (more || again) {
      wake();
    }
  }
}
