package npc.ops.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends access entries through the audit trail without holding up the requests they record, and without losing
 * one silently.
 *
 * <p>Bounded cost: a request reserves a place ({@link #reserve}) before it is served, so at most {@code capacity}
 * entries wait in memory; a worker thread takes up to {@value #BATCH} at a time and records them {@code parallelism}
 * at once (each {@link AuditTrail#record} is awaited, and the chain pipelines concurrent appends). When the record is
 * down, a batch that failed stays at the head and is tried again after a pause that doubles up to
 * {@link #MAX_PAUSE} (an entry recorded twice has one step id: it counts once); the queue fills, {@link #reserve}
 * fails, and the API answers 503 to every request until the record takes entries again: no read is served
 * unrecorded. At a stop, the worker has {@link #STOP_WAIT} to empty the queue; each entry still waiting after that is
 * written to the log at ERROR, in full, and counted in {@link #lost()}.
 */
public final class AccessLog implements AutoCloseable {
  static final int BATCH = 256;
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);
  static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  private final AuditTrail trail;
  private final int capacity;
  private final Semaphore places;
  private final BlockingQueue<AuditStep> queue = new LinkedBlockingQueue<>();
  private final ExecutorService appenders;
  private final List<AuditStep> failed = new ArrayList<>();
  private final AtomicLong lost = new AtomicLong();
  private Thread worker;
  private volatile boolean stopping;
  private long pauseMillis;

  public AccessLog(AuditTrail trail, int capacity, int parallelism) {
    this.trail = trail;
    this.capacity = capacity;
    this.places = new Semaphore(capacity);
    this.appenders = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "access-audit-append");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the worker that empties the queue. */
  public synchronized void start() {
    worker = new Thread(this::run, "access-audit");
    worker.setDaemon(true);
    worker.start();
  }

  /** Reserves a place for the entry of a request about to be served; false when the queue is full (refuse it). */
  public boolean reserve() {
    return places.tryAcquire();
  }

  /** Gives back a place reserved for a request that needs no entry. */
  public void release() {
    places.release();
  }

  /** Queues the entry of a request that reserved its place. */
  public void append(AuditStep step) {
    queue.add(step);
  }

  /** Places taken: requests being served, and entries not recorded yet. */
  public int taken() {
    return capacity - places.availablePermits();
  }

  /** Entries given up at a stop (each logged at ERROR). */
  public long lost() {
    return lost.get();
  }

  /**
   * Records what waits: the entries that failed last time first, then up to {@value #BATCH} more. Returns true when
   * all of them were recorded; false when one failed (it stays for the next call, and the others recorded count).
   */
  boolean drainOnce() {
    List<AuditStep> batch = new ArrayList<>(failed);
    failed.clear();
    queue.drainTo(batch, Math.max(0, BATCH - batch.size()));
    List<CompletableFuture<Boolean>> done = new ArrayList<>();
    for (AuditStep step : batch) {
      done.add(CompletableFuture.supplyAsync(() -> recordOrFail(step), appenders));
    }
    boolean all = true;
    for (int i = 0; i < batch.size(); i++) {
      if (done.get(i).join()) {
        places.release();
      } else {
        failed.add(batch.get(i));
        all = false;
      }
    }
    return all;
  }

  private boolean recordOrFail(AuditStep step) {
    try {
      trail.record(step);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("the audit record did not take an access entry ({}); it waits, {} places of {} taken: {}",
          step.kind(), taken(), capacity, e.toString());
      return false;
    }
  }

  private void run() {
    while (!stopping || !queue.isEmpty() || !failed.isEmpty()) {
      try {
        if (failed.isEmpty()) {
          AuditStep first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          failed.add(first); // taken first in the next drain
        }
        if (drainOnce()) {
          pauseMillis = 0;
        } else {
          pauseMillis = Math.min(MAX_PAUSE.toMillis(), Math.max(250, pauseMillis * 2));
          Thread.sleep(pauseMillis);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    Thread w;
    synchronized (this) {
      w = worker;
    }
    if (w != null) {
      try {
        w.join(STOP_WAIT.toMillis());
        w.interrupt();
        w.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    appenders.shutdownNow();
    List<AuditStep> left = new ArrayList<>(failed);
    queue.drainTo(left);
    for (AuditStep step : left) {
      lost.incrementAndGet();
      LOG.error("access entry NOT recorded (the audit record did not take it before the stop): {}", step);
    }
  }
}
