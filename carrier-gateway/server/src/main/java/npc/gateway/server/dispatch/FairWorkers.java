package npc.gateway.server.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import npc.core.carrier.CarrierId;

/**
 * The worker pool, shared fairly by carriers: each carrier's requests wait in a queue of their own, and the
 * workers take one request from each carrier with requests waiting in turn (round robin), so a carrier's request
 * waits behind at most one request of each other carrier, never behind another's flood. Each carrier, whatever its
 * connections, may have at most {@code perCarrier} requests waiting or running, of which at most
 * {@code runningPerCarrier} running (the rest of the threads stay for the others); the instance holds at most
 * {@code maxQueued} waiting. A request beyond any bound is refused with {@link Saturated}: it never waits.
 *
 * <p>The running share is divided among the carriers active now: while others are active, a carrier may run
 * {@code runningPerCarrier} divided by their number (at least one). The threads are not what carriers compete for
 * (there are more than enough); the database is, and a request's latency grows with every other request it runs
 * beside. A carrier alone keeps its whole share. A carrier counts as active for {@link #ACTIVE_NANOS} after its last
 * request ended, because an honest carrier sends one request after another and is idle between them, and its next
 * request must not find the flooder back at its full share.
 */
public final class FairWorkers implements CarrierExecutor {
  /** How long a carrier counts as active after its last request ended. */
  static final long ACTIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final int perCarrier;
  private final int runningPerCarrier;
  private final int maxQueued;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final Map<CarrierId, Lane> lanes = new HashMap<>();
  /** Carriers with a request waiting and a thread allowed, each once, in the order they get their next turn. */
  private final ArrayDeque<Lane> turns = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final LongSupplier nanoTime;
  private int queued;
  private boolean stopping;

  /** One carrier's requests: those waiting, and how many run. */
  private static final class Lane {
    final CarrierId carrier;
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    int running;
    boolean inTurn;
    /** When its last request ended, or when it was put in line if none ended yet. */
    long lastActive;

    Lane(CarrierId carrier) {
      this.carrier = carrier;
    }
  }

  /**
   * A request refused because a bound is reached; its message says which, for the carrier. {@link #pauseNanos}, when
   * positive, is how long the carrier's connection should not be read: it sends faster than its rate.
   */
  public static final class Saturated extends java.util.concurrent.RejectedExecutionException {
    private final long pauseNanos;

    Saturated(String detail) {
      this(detail, 0);
    }

    Saturated(String detail, long pauseNanos) {
      super(detail, null);
      this.pauseNanos = pauseNanos;
    }

    public long pauseNanos() {
      return pauseNanos;
    }
  }

  public FairWorkers(int threadCount, int perCarrier, int runningPerCarrier, int maxQueued, ThreadFactory factory) {
    this(threadCount, perCarrier, runningPerCarrier, maxQueued, factory, System::nanoTime);
  }

  FairWorkers(int threadCount, int perCarrier, int runningPerCarrier, int maxQueued, ThreadFactory factory,
      LongSupplier nanoTime) {
    if (threadCount < 1 || perCarrier < 1 || runningPerCarrier < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("worker bounds: " + threadCount + " threads, " + perCarrier + " per carrier, "
          + runningPerCarrier + " running per carrier, " + maxQueued + " queued");
    }
    this.perCarrier = perCarrier;
    this.runningPerCarrier = runningPerCarrier;
    this.maxQueued = maxQueued;
    this.nanoTime = nanoTime;
    for (int i = 0; i < threadCount; i++) {
      Thread thread = factory.newThread(this::work);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Runs the carrier's request in its turn.
   *
   * @throws Saturated when the carrier has {@code perCarrier} requests waiting or running, the instance
   *     {@code maxQueued} waiting, or the pool is stopping
   */
  @Override
  public void execute(CarrierId carrier, Runnable request) {
    lock.lock();
    try {
      if (stopping) {
        throw new Saturated("the server is stopping");
      }
      long now = nanoTime.getAsLong();
      lanes.values().removeIf(idle -> idle.waiting.isEmpty() && idle.running == 0
          && now - idle.lastActive >= ACTIVE_NANOS);
      Lane lane = lanes.computeIfAbsent(carrier, Lane::new);
      lane.lastActive = Math.max(lane.lastActive, now);
      if (lane.waiting.size() + lane.running >= perCarrier) {
        throw new Saturated(carrier + " has " + perCarrier + " requests in flight on this server, all its "
            + "connections together; wait for answers, then resend");
      }
      if (queued >= maxQueued) {
        throw new Saturated("the server is saturated; wait for answers, then resend");
      }
      lane.waiting.add(request);
      queued++;
      offerTurn(lane);
    } finally {
      lock.unlock();
    }
  }

  /** Requests waiting for a thread, all carriers together; for tests and metrics. */
  public int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  /** Requests of the carrier waiting or running; for tests and metrics. */
  public int inFlight(CarrierId carrier) {
    lock.lock();
    try {
      Lane lane = lanes.get(carrier);
      return lane == null ? 0 : lane.waiting.size() + lane.running;
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    while (true) {
      Lane lane;
      Runnable request;
      lock.lock();
      try {
        while (turns.isEmpty()) {
          if (stopping) {
            return;
          }
          ready.awaitUninterruptibly();
        }
        lane = turns.poll();
        lane.inTurn = false;
        request = lane.waiting.poll();
        queued--;
        lane.running++;
        offerTurn(lane); // to the back of the line, behind every other carrier waiting
      } finally {
        lock.unlock();
      }
      try {
        request.run();
      } catch (RuntimeException e) {
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
      } finally {
        lock.lock();
        try {
          lane.running--;
          lane.lastActive = nanoTime.getAsLong();
          offerTurn(lane);
        } finally {
          lock.unlock();
        }
      }
      Thread.interrupted(); // an interrupt of shutdownNow was for the request, not the worker
    }
  }

  /** Puts the carrier in line if it has a request waiting, is not in line, and may run one more. Under the lock. */
  private void offerTurn(Lane lane) {
    if (!lane.inTurn && !lane.waiting.isEmpty() && lane.running < share()) {
      lane.inTurn = true;
      turns.add(lane);
      ready.signal();
    }
  }

  /**
   * How many requests a carrier may run now: the running share divided among the carriers active now. A lane is
   * kept while its carrier is active, so the lanes are those carriers (a handful: one per participant at most).
   */
  private int share() {
    long now = nanoTime.getAsLong();
    int active = 0;
    for (Lane each : lanes.values()) {
      if (each.running > 0 || !each.waiting.isEmpty() || now - each.lastActive < ACTIVE_NANOS) {
        active++;
      }
    }
    return Math.max(1, runningPerCarrier / Math.max(1, active));
  }

  /** Requests of the carrier running now; for tests. */
  int running(CarrierId carrier) {
    lock.lock();
    try {
      Lane lane = lanes.get(carrier);
      return lane == null ? 0 : lane.running;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes no more requests and drops those waiting, which never started (nothing was written: the carrier resends
   * them with the same idempotency keys); those running go on. Returns how many were dropped.
   */
  public int discardWaiting() {
    lock.lock();
    try {
      stopping = true;
      int dropped = queued;
      turns.clear();
      lanes.values().forEach(lane -> lane.waiting.clear());
      queued = 0;
      ready.signalAll();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Takes no more requests; those waiting still run. */
  public void shutdown() {
    lock.lock();
    try {
      stopping = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the threads to end; true if they did within the time. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long until = System.nanoTime() + unit.toNanos(timeout);
    for (Thread thread : threads) {
      long left = until - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /** Drops the requests waiting and interrupts those running. */
  public void shutdownNow() {
    lock.lock();
    try {
      stopping = true;
      turns.clear();
      lanes.values().forEach(lane -> lane.waiting.clear());
      queued = 0;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::interrupt);
  }
}
