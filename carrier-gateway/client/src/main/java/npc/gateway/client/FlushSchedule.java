package npc.gateway.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When to send a batched acknowledgement: as soon as {@code threshold} items wait, or {@code interval} after the
 * first of them, whichever comes first. One acknowledgement then covers many items, and none waits longer than
 * the interval. Used on the client's event loop only.
 */
final class FlushSchedule {
  private final EventExecutor loop;
  private final long intervalNanos;
  private final int threshold;
  private final Runnable flush;
  private int waiting;
  private ScheduledFuture<?> timer;

  FlushSchedule(EventExecutor loop, Duration interval, int threshold, Runnable flush) {
    this.loop = loop;
    this.intervalNanos = interval.toNanos();
    this.threshold = threshold;
    this.flush = flush;
  }

  /** {@code count} more items wait for the acknowledgement. */
  void added(int count) {
    if (count <= 0) {
      return;
    }
    waiting += count;
    if (waiting >= threshold) {
      flushNow();
    } else if (timer == null) {
      timer = loop.schedule(this::flushNow, intervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  void flushNow() {
    reset();
    flush.run();
  }

  /** Sends at once what waits, if anything does: before the client closes. */
  void flushWaiting() {
    if (waiting > 0) {
      flushNow();
    }
  }

  /** Forgets what waits, e.g. when the connection it was for is gone. */
  void reset() {
    waiting = 0;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
