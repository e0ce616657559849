package npc.simulator.run;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop probe of {@code bench}: keeps {@code inFlight} requests outstanding for a while and counts those
 * answered without failure per second. Used for capacities (lookups, the storage ceiling), where the question is how
 * much is served, not how long one request waits (latencies are measured open loop, by the runs).
 */
final class ClosedLoop {

  private ClosedLoop() {}

  /** Requests {@code request.apply(0)}, {@code (1)}, ... for {@code phase}; returns the successes per second. */
  static double perSecond(int inFlight, Duration phase, LongFunction<CompletionStage<?>> request)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong answered = new AtomicLong();
    long start = System.nanoTime();
    long end = start + phase.toNanos();
    for (long k = 0; System.nanoTime() < end; k++) {
      slots.acquire();
      request.apply(k).whenComplete((answer, failure) -> {
        if (failure == null) {
          answered.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(inFlight);
    return answered.get() / ((System.nanoTime() - start) / 1e9);
  }
}
