package npc.gateway.server.push;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that a wake-up starts and that runs on one thread at a time: wake-ups while it runs make it run once more,
 * never twice at once and never lost.
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

  private void run() {
    try {
      boolean more;
      do {
        again = false;
        more = drainOnce();
      } while (more || again);
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      scheduled.set(false);
    }
    if (again) {
      wake();
    }
  }
}
