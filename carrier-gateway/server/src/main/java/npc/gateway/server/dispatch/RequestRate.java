package npc.gateway.server.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import npc.core.carrier.CarrierId;

/**
 * A rate per carrier, over all its connections to the instance, of the requests that reach the database: a token
 * bucket refilled at {@code perSecond}, holding at most {@code burst}. A request beyond it is refused before it
 * costs anything but its decoding, and the refusal asks that the connection not be read until a tenth of the burst
 * is back: a flood is then held back by TCP, and costs the server no decoding and no answers meanwhile. The fair queue of {@link FairWorkers} keeps a flood from delaying other carriers'
 * requests in the queue; this keeps it from taking the database's capacity they need. Its state is kept per
 * carrier for as long as the instance runs (participants are a closed, small set), so a carrier cannot refill its
 * bucket by going idle for an instant.
 */
public final class RequestRate implements CarrierExecutor {
  private final CarrierExecutor next;
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<CarrierId, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<CarrierId, Bucket> answerBuckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.refilledAt = at;
    }
  }

  public RequestRate(CarrierExecutor next, int perSecond, int burst) {
    this(next, perSecond, burst, System::nanoTime);
  }

  RequestRate(CarrierExecutor next, int perSecond, int burst, LongSupplier nanoTime) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("a request rate of at least 1 a second and a burst of at least 1: "
          + perSecond + ", " + burst);
    }
    this.next = next;
    this.perNano = perSecond / (double) TimeUnit.SECONDS.toNanos(1);
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

  /** Takes a token of the carrier's bucket, under that bucket's lock only: the event loops take them at once. */
  private void take(CarrierId carrier, Map<CarrierId, Bucket> buckets) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(carrier, id -> new Bucket(burst, now));
    long pause;
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.refilledAt) * perNano);
      bucket.refilledAt = Math.max(bucket.refilledAt, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      pause = (long) ((Math.max(1, burst / 10) - bucket.tokens) / perNano);
    }
    throw new FairWorkers.Saturated(carrier + " sends more than " + Math.round(perNano * 1e9) + " requests a "
        + "second to this server, all its connections together; slow down, then resend", pause);
  }
}
