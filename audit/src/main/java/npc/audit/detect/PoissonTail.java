package npc.audit.detect;

/**
 * P(X >= k) for a Poisson X of mean {@code mean}: the tail behind {@code BULK_CHANNEL}'s scan statistic. Summed in
 * logarithms from the k-th term up, so tails of 1e-100 keep their precision; plain arithmetic, no library, so a
 * regulator can reproduce every figure.
 */
final class PoissonTail {
  private PoissonTail() {}

  static double atLeast(long k, double mean) {
    if (k <= 0) {
      return 1;
    }
    if (mean <= 0) {
      return 0;
    }
    if (k <= mean) {
      return upperByComplement(k, mean);
    }
    double term = Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
    double sum = 0;
    for (long j = k; term > 0 && term > sum * 1e-17; j++) {
      sum += term;
      term *= mean / (j + 1);
    }
    return Math.min(1, sum);
  }

  /** 1 - P(X < k), for k at or below the mean where the tail is large and the complement is well conditioned. */
  private static double upperByComplement(long k, double mean) {
    double term = Math.exp(-mean);
    double below = 0;
    for (long j = 0; j < k; j++) {
      below += term;
      term *= mean / (j + 1);
    }
    return Math.max(0, Math.min(1, 1 - below));
  }

  /** ln k!: exact sum below 256, Stirling's series (error below 1e-12) above. */
  static double logFactorial(long k) {
    if (k < 256) {
      double s = 0;
      for (long i = 2; i <= k; i++) {
        s += Math.log(i);
      }
      return s;
    }
    double n = k;
    return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
  }
}
