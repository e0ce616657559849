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
 * connections, may have at most {@code perCarrier} requests waiting or running; the instance holds at most
 * {@code maxQueued} waiting. A request beyond any bound is refused with {@link Saturated}: it never waits.
 *
 * <p>What carriers compete for is the database, not the threads (there are more than enough): a request's latency
 * grows with every other request it runs beside. So {@code maxRunning} requests run at once, shared among the carriers
 * active now in two tiers:
 * <ul>
 *   <li><b>Its share</b>, which a carrier always gets: {@code runningPerCarrier} divided by the number of carriers
 *       active now (at least one). A carrier under its share is served before any carrier over it, and starts even when
 *       the others' requests fill {@code maxRunning}.</li>
 *   <li><b>What others leave</b>: a carrier at or over its share may run one more while no carrier under its share
 *       waits, and fewer than {@code maxRunning} run, less one place kept free for each other active carrier with
 *       nothing running. The pool is work-conserving: a busy honest carrier (the donor of most ports) uses the room
 *       quiet ones leave, and a flooder's extra requests never keep an arriving carrier from starting at once.</li>
 * </ul>
 * A carrier counts as active for {@link #ACTIVE_NANOS} after its last request ended, because an honest carrier sends
 * one request after another and is idle between them, and its next request must find its place kept.
 *
 * <p><b>Answers first.</b> A carrier's answers due by a deadline ({@link #executeAnswer}: donor and eligibility
 * answers, deactivation confirmations) wait in a queue of their own and run before its new requests: a carrier that is
 * donor of most ports and recipient of many must not see its answers wait behind its own port requests. Beyond the
 * shares, a carrier with answers waiting goes before one with only new requests. Answers have their own bound of
 * {@code perCarrier} in flight, so a carrier's flood of new requests can never leave no room for its answers; a flood
 * of answers is bounded the same way, and what it costs the database is held by {@link RequestRate}.
 */
public final class FairWorkers implements CarrierExecutor {
  /** How long a carrier counts as active after its last request ended. */
  static final long ACTIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final int perCarrier;
  private final int runningPerCarrier;
  private final int maxRunning;
  private final int maxQueued;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final Map<CarrierId, Lane> lanes = new HashMap<>();
  /** Carriers with a request waiting, each once, in the order they get their next turn. */
  private final ArrayDeque<Lane> turns = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final LongSupplier nanoTime;
  private int queued;
  private int running;
  private boolean stopping;

  /** One carrier's requests: its answers and its new requests waiting, and how many of each run. */
  private static final class Lane {
    final CarrierId carrier;
    final ArrayDeque<Runnable> answers = new ArrayDeque<>();
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    int running;
    int runningAnswers;
    boolean inTurn;
    /** When its last request ended, or when it was put in line if none ended yet. */
    long lastActive;

    Lane(CarrierId carrier) {
      this.carrier = carrier;
    }

    boolean hasWaiting() {
      return !answers.isEmpty() || !waiting.isEmpty();
    }

    int inFlight() {
      return answers.size() + waiting.size() + running;
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

    /** A refusal is an answer, not a fault: no stack trace, which a flood would make thousands of times a second. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  public FairWorkers(int threadCount, int perCarrier, int runningPerCarrier, int maxRunning, int maxQueued,
      ThreadFactory factory) {
    this(threadCount, perCarrier, runningPerCarrier, maxRunning, maxQueued, factory, System::nanoTime);
  }

  FairWorkers(int threadCount, int perCarrier, int runningPerCarrier, int maxRunning, int maxQueued,
      ThreadFactory factory, LongSupplier nanoTime) {
    if (threadCount < 1 || perCarrier < 1 || runningPerCarrier < 1 || maxRunning < runningPerCarrier
        || maxQueued < 0) {
      throw new IllegalArgumentException("worker bounds: " + threadCount + " threads, " + perCarrier + " per carrier, "
          + runningPerCarrier + " running per carrier, " + maxRunning + " running in all, " + maxQueued + " queued");
    }
    this.perCarrier = perCarrier;
    this.runningPerCarrier = runningPerCarrier;
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
    this.nanoTime = nanoTime;
    for (int i = 0; i < threadCount; i++) {
      Thread thread = factory.newThread(this::work);
      threads.add(thread);
      thread.start();
    }
  }

  /**
   * Runs the carrier's new request in its turn, after its answers.
   *
   * @throws Saturated when the carrier has {@code perCarrier} new requests waiting or running, the instance
   *     {@code maxQueued} waiting, or the pool is stopping
   */
  @Override
  public void execute(CarrierId carrier, Runnable request) {
    enqueue(carrier, request, false);
  }

  /**
   * Runs the carrier's answer in its turn, before its new requests.
   *
   * @throws Saturated when the carrier has {@code perCarrier} answers waiting or running, the instance
   *     {@code maxQueued} waiting, or the pool is stopping
   */
  @Override
  public void executeAnswer(CarrierId carrier, Runnable answer) {
    enqueue(carrier, answer, true);
  }

  private void enqueue(CarrierId carrier, Runnable request, boolean answer) {
    lock.lock();
    try {
      if (stopping) {
        throw new Saturated("the server is stopping");
      }
      long now = nanoTime.getAsLong();
      lanes.values().removeIf(idle -> !isActive(idle, now));
      Lane lane = lanes.computeIfAbsent(carrier, Lane::new);
      lane.lastActive = Math.max(lane.lastActive, now);
      int inFlight = answer ? lane.answers.size() + lane.runningAnswers
          : lane.waiting.size() + lane.running - lane.runningAnswers;
      if (inFlight >= perCarrier) {
        throw new Saturated(carrier + " has " + perCarrier + (answer ? " answers" : " requests") + " in flight on "
            + "this server, all its connections together; wait for answers, then resend");
      }
      if (queued >= maxQueued) {
        throw new Saturated("the server is saturated; wait for answers, then resend");
      }
      (answer ? lane.answers : lane.waiting).add(request);
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
      return lane == null ? 0 : lane.inFlight();
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    while (true) {
      Lane lane;
      Runnable request;
      boolean answer;
      lock.lock();
      try {
        while ((lane = next()) == null) {
          if (stopping && turns.isEmpty()) {
            return;
          }
          try {
            ready.awaitNanos(ACTIVE_NANOS); // and look again once a quiet carrier may have stopped counting as active
          } catch (InterruptedException e) {
            // an interrupt of shutdownNow: stopping is set, and the loop ends when the line is empty
          }
        }
        answer = !lane.answers.isEmpty();
        request = answer ? lane.answers.poll() : lane.waiting.poll();
        queued--;
        lane.running++;
        if (answer) {
          lane.runningAnswers++;
        }
        running++;
        if (lane.hasWaiting()) {
          lane.inTurn = true;
          turns.add(lane); // to the back of the line, behind every other carrier waiting
        }
        if (!turns.isEmpty()) {
          ready.signal(); // another may be allowed too
        }
      } finally {
        lock.unlock();
      }
      try {
        request.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // a LinkageError in one request (a class missing at run time) must not cost a worker
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
      } finally {
        lock.lock();
        try {
          lane.running--;
          if (answer) {
            lane.runningAnswers--;
          }
          running--;
          lane.lastActive = nanoTime.getAsLong();
          if (!turns.isEmpty()) {
            ready.signal();
          }
        } finally {
          lock.unlock();
        }
      }
      Thread.interrupted(); // an interrupt of shutdownNow was for the request, not the worker
    }
  }

  /**
   * The carrier whose request runs next, taken out of line; null if none may start now. The first in line under its
   * share (even when {@code maxRunning} run: a share is never waited for), else, if what others leave allows one more,
   * the first in line with an answer waiting, or the first in line. Under the lock.
   */
  private Lane next() {
    if (turns.isEmpty()) {
      return null;
    }
    long now = nanoTime.getAsLong();
    int active = 0;
    int idle = 0;
    for (Lane each : lanes.values()) {
      if (isActive(each, now)) {
        active++;
        if (each.running == 0 && !each.hasWaiting()) {
          idle++;
        }
      }
    }
    int share = Math.max(1, runningPerCarrier / Math.max(1, active));
    for (java.util.Iterator<Lane> line = turns.iterator(); line.hasNext(); ) {
      Lane lane = line.next();
      if (lane.running < share) {
        line.remove();
        lane.inTurn = false;
        return lane;
      }
    }
    if (running < maxRunning - idle) {
      Lane chosen = turns.peek();
      for (Lane lane : turns) {
        if (!lane.answers.isEmpty()) {
          chosen = lane;
          break;
        }
      }
      turns.remove(chosen);
      chosen.inTurn = false;
      return chosen;
    }
    return null;
  }

  private static boolean isActive(Lane lane, long now) {
    return lane.running > 0 || lane.hasWaiting() || now - lane.lastActive < ACTIVE_NANOS;
  }

  /** Puts the carrier in line if it has a request waiting and is not in line. Under the lock. */
  private void offerTurn(Lane lane) {
    if (!lane.inTurn && lane.hasWaiting()) {
      lane.inTurn = true;
      turns.add(lane);
      ready.signal();
    }
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
      lanes.values().forEach(lane -> {
        lane.answers.clear();
        lane.waiting.clear();
      });
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
    discardWaiting();
    threads.forEach(Thread::interrupt);
  }
}
