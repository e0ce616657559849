package npc.simulator.model;

import java.util.List;
import npc.simulator.regime.Reason;
import npc.simulator.regime.Regime;
import npc.simulator.scenario.PopulationSpec;

/**
 * The subscribers of a run and their truth, in two bytes each: the truth (a bit per condition of the regime, and
 * one for corporate) and the carrier serving the number now. Carriers hold contiguous index ranges in the
 * regime's order, and numbers are derived from indexes ({@link NumberPlan}), so ten million subscribers take
 * twenty megabytes. The truth is drawn from the scenario's probabilities with the carrier's overrides, each bit a
 * pure function of the seed and the index. Conditions are cleared when the subscriber fixes them (pays, waits for
 * the term to end) before retrying.
 */
public final class Population {

  private static final int CORPORATE = 1 << 7;
  private static final long TRUTH = Draws.key("truth");

  private final List<String> carriers;
  private final List<Reason> conditions;
  private final NumberPlan plan;
  private final byte[] truth;
  private final byte[] server;

  /**
   * @param regime the regime: its porting carriers, its conditions and its blocks
   * @param spec how many subscribers, each carrier's share and the probabilities of their truth
   * @param seed the scenario's seed
   */
  public Population(Regime regime, PopulationSpec spec, long seed) {
    this.carriers = regime.carriers();
    this.conditions = regime.conditions();
    if (conditions.size() > 7 || carriers.size() > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("the regime " + regime.id() + " has more conditions or carriers than a"
          + " subscriber's byte holds");
    }
    int[] count = apportion(spec, carriers);
    this.plan = new NumberPlan(regime, carriers, count);
    this.truth = new byte[spec.subscribers()];
    this.server = new byte[spec.subscribers()];
    double[] p = new double[conditions.size()];
    for (int c = 0; c < carriers.size(); c++) {
      for (int j = 0; j < p.length; j++) {
        p[j] = spec.probability(carriers.get(c), conditions.get(j).conditionName());
      }
      for (int i = plan.start(c); i < plan.start(c) + count[c]; i++) {
        int bits = Draws.uniform(seed, TRUTH, i, -1) < spec.corporate() ? CORPORATE : 0;
        for (int j = 0; j < p.length; j++) {
          if (p[j] > 0 && Draws.uniform(seed, TRUTH, i, j) < p[j]) {
            bits |= 1 << j;
          }
        }
        truth[i] = (byte) bits;
        server[i] = (byte) c;
      }
    }
  }

  /** Each carrier's count: its share of the total, by largest remainders so that they sum to the total. */
  static int[] apportion(PopulationSpec spec, List<String> carriers) {
    int n = spec.subscribers();
    int[] count = new int[carriers.size()];
    double[] rest = new double[carriers.size()];
    int given = 0;
    for (int c = 0; c < count.length; c++) {
      double exact = n * spec.share().getOrDefault(carriers.get(c), 0.0);
      count[c] = (int) Math.floor(exact);
      rest[c] = exact - count[c];
      given += count[c];
    }
    while (given < n) {
      int best = -1;
      for (int c = 0; c < count.length; c++) {
        if (spec.share().getOrDefault(carriers.get(c), 0.0) > 0 && (best < 0 || rest[c] > rest[best])) {
          best = c;
        }
      }
      count[best]++;
      rest[best] = -1;
      given++;
    }
    return count;
  }

  /** How many subscribers there are. */
  public int size() {
    return truth.length;
  }

  /** The porting carriers, in the regime's order; a carrier is named by its index in this list. */
  public List<String> carriers() {
    return carriers;
  }

  /** The conditions, in the regime's order; a condition is named by its index in this list. */
  public List<Reason> conditions() {
    return conditions;
  }

  /** The number of subscriber {@code i}. */
  public String msisdn(int i) {
    return plan.msisdn(plan.holder(i), i);
  }

  /** The subscriber whose number this is, or -1 if none. */
  public int indexOf(String msisdn) {
    return plan.indexOf(msisdn);
  }

  /** The carrier that holds the block of subscriber {@code i}'s number. */
  public int holder(int i) {
    return plan.holder(i);
  }

  /** The carrier serving subscriber {@code i} now. */
  public int server(int i) {
    return server[i];
  }

  /** Records that subscriber {@code i} is served by carrier {@code c} now (its port took effect). */
  public void ported(int i, int c) {
    server[i] = (byte) c;
  }

  /** Whether subscriber {@code i} is corporate. */
  public boolean corporate(int i) {
    return (truth[i] & CORPORATE) != 0;
  }

  /** Whether subscriber {@code i} has condition {@code j} now. */
  public boolean has(int i, int j) {
    return (truth[i] & (1 << j)) != 0;
  }

  /**
   * The first condition, in the regime's order, that rightly blocks a port of subscriber {@code i} now: one it has
   * and whose reason may be held against its kind of subscriber; -1 if none.
   */
  public int blocking(int i) {
    for (int j = 0; j < conditions.size(); j++) {
      if (has(i, j) && conditions.get(j).appliesTo(corporate(i))) {
        return j;
      }
    }
    return -1;
  }

  /** Subscriber {@code i} fixed every condition it had: paid, waited for the term to end, registered. */
  public void fixAll(int i) {
    truth[i] &= (byte) CORPORATE;
  }
}
