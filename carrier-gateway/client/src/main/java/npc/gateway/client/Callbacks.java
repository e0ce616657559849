package npc.gateway.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the client runs the caller's code (futures' completions, listeners), never on its event loop: the
 * executor the caller supplied, or else a pool of the client's own, shut down when the client closes. Work the
 * executor refuses (it was shut down first) runs on the calling thread, so that no future is left pending.
 */
final class Callbacks implements Executor {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final Executor executor;
  private final Optional<ExecutorService> owned;

  private Callbacks(Executor executor, Optional<ExecutorService> owned) {
    this.executor = executor;
    this.owned = owned;
  }

  static Callbacks supplied(Executor executor) {
    return new Callbacks(executor, Optional.empty());
  }

  /** A cached pool of daemon threads: a blocked listener then never stops futures from completing. */
  static Callbacks own() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = task -> {
      Thread thread = new Thread(task, "npc-carrier-callback-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ExecutorService pool = Executors.newCachedThreadPool(threads);
    return new Callbacks(pool, Optional.of(pool));
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Shuts the client's own pool down, letting running callbacks finish for a few seconds. */
  void close() throws InterruptedException {
    if (owned.isPresent()) {
      owned.get().shutdown();
      if (!owned.get().awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        owned.get().shutdownNow();
      }
    }
  }
}
