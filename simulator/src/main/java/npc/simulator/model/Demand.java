package npc.simulator.model;

import java.util.List;
import java.util.Optional;
import npc.simulator.scenario.DemandSpec;

/**
 * What the subscribers want, as pure draws from the seed: when the next one arrives (open loop: a Poisson process
 * at {@code ports_per_s}, whatever the system's answers), who it is, which carrier it wants, whether its recipient
 * asks an eligibility query first and whether it changes its mind; and after a rejection, whether it retries and
 * whether it complains. Arrivals are numbered from 0; the n-th arrival's draws are keyed by n.
 */
public final class Demand {

  private static final long GAP = Draws.key("arrival.gap");
  private static final long WHO = Draws.key("arrival.who");
  private static final long WHERE = Draws.key("arrival.where");
  private static final long QUERY = Draws.key("arrival.query");
  private static final long CANCEL = Draws.key("arrival.cancel");
  private static final long RETRY = Draws.key("rejection.retry");
  private static final long COMPLAIN = Draws.key("rejection.complain");

  private final DemandSpec spec;
  private final long seed;
  private final Population population;
  private final double[] destination;

  public Demand(DemandSpec spec, long seed, Population population) {
    this.spec = spec;
    this.seed = seed;
    this.population = population;
    List<String> carriers = population.carriers();
    this.destination = new double[carriers.size()];
    for (int c = 0; c < destination.length; c++) {
      destination[c] = spec.destination().getOrDefault(carriers.get(c), 0.0);
    }
  }

  /** The time from arrival {@code n - 1} (or the start, for 0) to arrival {@code n}, in nanoseconds. */
  public long gapNanos(long n) {
    double u = Draws.uniform(seed, GAP, n);
    return Math.round(-Math.log1p(-u) / spec.portsPerSecond() * 1e9);
  }

  /**
   * What arrival {@code n} wants, on its {@code attempt}-th draw of a subscriber (the driver draws again when the
   * subscriber is busy with a port already); empty if the subscriber's carrier is the only one it would go to.
   */
  public Optional<Wish> wish(long n, int attempt) {
    int subscriber = (int) Math.floorMod(Draws.hash(seed, WHO, n, attempt), (long) population.size());
    int own = population.server(subscriber);
    double total = 0;
    for (int c = 0; c < destination.length; c++) {
      total += c == own ? 0 : destination[c];
    }
    if (total <= 0) {
      return Optional.empty();
    }
    double u = Draws.uniform(seed, WHERE, n, attempt) * total;
    int recipient = -1;
    for (int c = 0; c < destination.length && recipient < 0; c++) {
      double share = c == own ? 0 : destination[c];
      if (u < share) {
        recipient = c;
      }
      u -= share;
    }
    if (recipient < 0) {
      recipient = lastOther(own);
    }
    return Optional.of(new Wish(subscriber, recipient,
        Draws.uniform(seed, QUERY, n) < spec.eligibilityQueryFirst(),
        Draws.uniform(seed, CANCEL, n) < spec.cancel()));
  }

  private int lastOther(int own) {
    for (int c = destination.length - 1; c >= 0; c--) {
      if (c != own && destination[c] > 0) {
        return c;
      }
    }
    throw new IllegalStateException("no destination");
  }

  /**
   * What subscriber {@code subscriber} does after its {@code attempt}-th port was rejected. A rightful rejection is
   * for a condition the subscriber has; if it retries it first fixes every condition it has (the shop told it all of
   * them), so that an honest carrier never rejects one number again and again for ever new reasons. The regulator
   * decides a complaint by the truth: upheld exactly when the rejection was not rightful.
   *
   * @param rightful whether the rejection cited a condition the subscriber has
   */
  public Reaction afterRejection(int subscriber, int attempt, boolean rightful) {
    boolean retry = Draws.uniform(seed, RETRY, subscriber, attempt) < spec.retryAfterRejection();
    boolean complain = Draws.uniform(seed, COMPLAIN, subscriber, attempt) < spec.complaintAfterRejection();
    return new Reaction(retry, retry && rightful, complain, complain && !rightful);
  }

  /**
   * One arrival's wish.
   *
   * @param subscriber who wants to port
   * @param recipient the carrier it wants
   * @param queryFirst whether the recipient asks an eligibility query before the port
   * @param cancels whether the subscriber changes its mind and cancels the port
   */
  public record Wish(int subscriber, int recipient, boolean queryFirst, boolean cancels) {}

  /**
   * A subscriber's reaction to a rejection.
   *
   * @param retry whether it tries again after the retry delay
   * @param fixes whether it fixes its conditions before retrying
   * @param complain whether it complains to the regulator
   * @param upheld whether the regulator upholds the complaint (by the truth)
   */
  public record Reaction(boolean retry, boolean fixes, boolean complain, boolean upheld) {}
}
