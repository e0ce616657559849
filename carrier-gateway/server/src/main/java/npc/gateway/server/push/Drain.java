package npc.gateway.server.push;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that a wake-up starts and that runs on one thread at a time: wake-ups while it runs make it run once more,
 * never twice at once and never lost. Each turn does one page ({@link #drainOnce}) and then yields its thread.
 */
abstract class Drain {
  private final Executor executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean again;

  Drain(Executor executor) {
    this.executor = executor;
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

  /** Where a drain's failure goes: logged by the subclass; the next wake-up tries again. */
  abstract void failed(RuntimeException failure);

  /**
   * One page, then the thread goes to the next drain waiting for it: a connection with much to push never keeps
   * the shared pushers from the others. A drain with more (or woken meanwhile) queues itself again behind them.
   */
  private void run() {
    boolean more = false;
    try {
      again = false;
      more = drainOnce();
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      scheduled.set(false);
    }
    if (more || again) {
      wake();
    }
  }
}
