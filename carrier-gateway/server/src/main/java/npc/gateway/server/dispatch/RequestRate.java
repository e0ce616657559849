package npc.gateway.server.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import npc.core.carrier.CarrierId;

/**
 * A rate per carrier, over all its connections to the instance, of the requests that reach the database: a token
 * bucket refilled at {@code perSecond}, holding at most {@code burst}. A request beyond it is refused before it
 * costs anything but its decoding, and the refusal asks that the connection not be read until a tenth of the burst
 * is back: a flood is then held back by TCP, and costs the server no decoding and no answers meanwhile. The fair
 * queue of {@link FairWorkers} keeps a flood from delaying other carriers' requests in the queue; this keeps it from
 * taking the database's capacity they need. Its state is kept per
 * carrier for as long as the instance runs (participants are a closed, small set), so a carrier cannot refill its
 * bucket by going idle for an instant.
 *
 * <p>A bucket is one number, the time at which it would be full again (the theoretical arrival time of the generic
 * cell rate algorithm): a request moves it one interval on with a compare-and-set, and a refusal only reads it. The
 * event loops take tokens as they decode, several at once for one carrier's connections; with a lock, a flood's
 * refusals (hundreds a read) queued the loops behind one another, and behind a lock holder that lost its processor.
 */
public final class RequestRate implements CarrierExecutor {
  private final CarrierExecutor next;
  private final long perSecond;
  /** Nanoseconds a token takes to come back. */
  private final long interval;
  private final long burst;
  private final LongSupplier nanoTime;
  private final Map<CarrierId, AtomicLong> buckets = new ConcurrentHashMap<>();
  private final Map<CarrierId, AtomicLong> answerBuckets = new ConcurrentHashMap<>();

  public RequestRate(CarrierExecutor next, int perSecond, int burst) {
    this(next, perSecond, burst, System::nanoTime);
  }

  RequestRate(CarrierExecutor next, int perSecond, int burst, LongSupplier nanoTime) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("a request rate of at least 1 a second and a burst of at least 1: "
          + perSecond + ", " + burst);
    }
    this.next = next;
    this.perSecond = perSecond;
    this.interval = Math.max(1, TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /**
   * Passes the request on if the carrier has a token left.
   *
   * @throws FairWorkers.Saturated beyond the carrier's rate, saying so
   */
  @Override
  public void execute(CarrierId carrier, Runnable request) {
    take(carrier, buckets);
    next.execute(carrier, request);
  }

  /**
   * Passes the answer on if the carrier has a token left in its bucket for answers, a second one of the same rate:
   * a carrier's own new requests never use up what it needs to answer by its deadlines.
   *
   * @throws FairWorkers.Saturated beyond the carrier's rate of answers, saying so
   */
  @Override
  public void executeAnswer(CarrierId carrier, Runnable answer) {
    take(carrier, answerBuckets);
    next.executeAnswer(carrier, answer);
  }

  /**
   * Takes a token of the carrier's bucket. The bucket holds {@code burst - (full - now) / interval} tokens, where
   * {@code full} is the time it would be full again (at most {@code burst}: a {@code full} in the past counts as now).
   */
  private void take(CarrierId carrier, Map<CarrierId, AtomicLong> buckets) {
    long now = nanoTime.getAsLong();
    AtomicLong full = buckets.computeIfAbsent(carrier, id -> new AtomicLong(now));
    while (true) {
      long was = full.get();
      long from = was - now > 0 ? was : now;
      long owed = from + interval - now; // what the bucket would lack after this token
      if (owed > burst * interval) {
        // paused until a tenth of the burst is back
        long pause = Math.max(1, burst / 10) * interval - (burst * interval - (from - now));
        throw new FairWorkers.Saturated(carrier + " sends more than " + perSecond + " requests a second to this "
            + "server, all its connections together; slow down, then resend", pause);
      }
      if (full.compareAndSet(was, from + interval)) {
        return;
      }
    }
  }
}
