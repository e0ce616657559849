package npc.gateway.server.push;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import npc.core.carrier.CarrierId;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.server.dispatch.RequestError;

/**
 * Admits routing snapshots, each a scan of every route that may wait for a slow reader: they run on a small fixed
 * pool, at most {@code queue} more wait for it, and each carrier has at most {@code perCarrier} admitted (running or
 * waiting) at a time, whatever its connections. A snapshot beyond any of these bounds is refused with BUSY before
 * anything is sent: a carrier that loops on subscribes costs the instance at most its quota of scans, never a
 * thread a frame.
 */
public final class SnapshotGate implements AutoCloseable {
  private final ExecutorService threads;
  private final Semaphore room;
  private final int perCarrier;
  private final ConcurrentHashMap<CarrierId, Integer> admitted = new ConcurrentHashMap<>();

  /**
   * @param threads snapshots running at once on this instance
   * @param queue snapshots waiting for a thread, beyond which a subscribe is answered BUSY
   * @param perCarrier snapshots one carrier may have running or waiting
   */
  public SnapshotGate(int threads, int queue, int perCarrier, ThreadFactory factory) {
    if (threads < 1 || queue < 0 || perCarrier < 1) {
      throw new IllegalArgumentException("snapshot bounds: " + threads + " threads, " + queue + " queued, "
          + perCarrier + " per carrier");
    }
    this.threads = Executors.newFixedThreadPool(threads, factory); // its queue is bounded by room
    this.room = new Semaphore(threads + queue);
    this.perCarrier = perCarrier;
  }

  /** A snapshot admitted and not yet started: {@link #run} it, or {@link #cancel} it. */
  public final class Permit {
    private final CarrierId carrier;
    private boolean used;

    private Permit(CarrierId carrier) {
      this.carrier = carrier;
    }

    /** Runs the snapshot when a thread is free; the permit is returned when it ends. */
    public void run(Runnable snapshot) {
      use();
      try {
        threads.execute(() -> {
          try {
            snapshot.run();
          } finally {
            release(carrier);
          }
        });
      } catch (RejectedExecutionException e) { // stopping
        release(carrier);
      }
    }

    /** Gives the permit back unused. */
    public void cancel() {
      use();
      release(carrier);
    }

    private void use() {
      if (used) {
        throw new IllegalStateException("a snapshot permit is used once");
      }
      used = true;
    }
  }

  /**
   * Admits a snapshot of the carrier.
   *
   * @throws RequestError BUSY when the carrier has its quota of snapshots, or the instance has as many as it holds
   */
  public Permit admit(CarrierId carrier) {
    boolean[] granted = new boolean[1];
    admitted.compute(carrier, (c, n) -> {
      int now = n == null ? 0 : n;
      granted[0] = now < perCarrier;
      return granted[0] ? now + 1 : now;
    });
    if (!granted[0]) {
      throw busy(carrier + " has " + perCarrier + " routing snapshot(s) under way; subscribe again once sent");
    }
    if (!room.tryAcquire()) {
      forget(carrier);
      throw busy("the server has as many routing snapshots under way as it allows; subscribe again later");
    }
    return new Permit(carrier);
  }

  /** Snapshots admitted for the carrier: running or waiting. For tests and metrics. */
  public int admitted(CarrierId carrier) {
    return admitted.getOrDefault(carrier, 0);
  }

  private void release(CarrierId carrier) {
    room.release();
    forget(carrier);
  }

  private void forget(CarrierId carrier) {
    admitted.computeIfPresent(carrier, (c, n) -> n <= 1 ? null : n - 1);
  }

  private static RequestError busy(String detail) {
    return new RequestError(503, ErrorCode.BUSY, detail);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
