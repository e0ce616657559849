package npc.gateway.client;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order given, on another executor: a listener sees its notifications in order
 * without owning a thread, and a pool the caller supplies can serve several such lanes. Each task is handed to
 * the underlying executor on its own, so one busy lane does not hold a pool thread between its tasks.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor executor;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    next();
  }

  private void next() {
    try {
      executor.execute(this::runOne);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        LOG.warn("The callback executor refused work; {} callbacks are dropped", tasks.size());
        tasks.clear();
        running = false;
      }
    }
  }

  private void runOne() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("A callback failed: {}", e.getClass().getName());
    } finally {
      boolean more;
      synchronized (this) {
        more = !tasks.isEmpty();
        running = more;
      }
      if (more) {
        next();
      }
    }
  }
}
