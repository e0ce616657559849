package npc.gateway.server;

import java.util.concurrent.TimeUnit;
import npc.gateway.server.dispatch.FairWorkers;

/**
 * The first half of a stop, for the pool that runs carriers' requests: requests queued but not started are
 * discarded (nothing was written; the carrier resends them with the same idempotency keys), none starts from now
 * on (the dispatcher answers a new one BUSY), and those running are given up to a bounded time to finish, so that
 * their answers (an authorisation code is shown once) are written before the connections close.
 */
final class WorkerDrain {
  /** What a drain did: requests discarded unstarted, and whether every running one finished in time. */
  record Outcome(int discarded, boolean finished) {}

  private WorkerDrain() {}

  static Outcome drain(FairWorkers workers, long timeoutMillis) {
    int unstarted = workers.discardWaiting(); // and nothing is taken from now on
    workers.shutdown();
    boolean finished;
    try {
      finished = workers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    return new Outcome(unstarted, finished);
  }
}
