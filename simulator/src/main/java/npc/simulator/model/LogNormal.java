package npc.simulator.model;

import java.time.Duration;
import npc.simulator.scenario.LatencySpec;

/**
 * The log-normal distribution with a given median and 99th percentile: answer times are positive and skewed to the
 * right, and an operator knows those two figures of its systems. {@code mu = ln(median)},
 * {@code sigma = (ln(p99) - mu) / z(0.99)}.
 */
public final class LogNormal {

  /** The standard normal's 99th percentile. */
  static final double Z99 = 2.3263478740408408;

  private final double mu;
  private final double sigma;

  private LogNormal(double mu, double sigma) {
    this.mu = mu;
    this.sigma = sigma;
  }

  /** The distribution fitted to the latency's median and p99 (in nanoseconds). */
  public static LogNormal fitted(LatencySpec latency) {
    double mu = Math.log(latency.median().toNanos());
    return new LogNormal(mu, (Math.log(latency.p99().toNanos()) - mu) / Z99);
  }

  /** The value at standard normal score {@code z}: the quantile of {@code Phi(z)}. */
  public Duration atScore(double z) {
    return Duration.ofNanos(Math.round(Math.exp(mu + sigma * z)));
  }

  /** A draw for the seed and keys. */
  public Duration draw(long seed, long... keys) {
    return atScore(Draws.normal(seed, keys));
  }
}
