package npc.audit.detect;

import java.util.Arrays;

/**
 * The statistics behind signals: a one-sided two-proportion z-test and the Benjamini-Hochberg adjustment. Plain
 * arithmetic with no library, so a regulator can reproduce every figure.
 */
final class ProportionTest {
  private ProportionTest() {}

  /** z of {@code x1/n1 > x2/n2} with the pooled proportion; 0 when the pooled proportion is 0 or 1. */
  static double z(long x1, long n1, long x2, long n2) {
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    return se == 0 ? 0 : ((double) x1 / n1 - (double) x2 / n2) / se;
  }

  /** P(Z >= z) for a standard normal Z. */
  static double upperTail(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * erfc with a fractional error below 1.2e-7 everywhere (Chebyshev fit of Numerical Recipes, {@code erfcc}), so small
   * tail probabilities keep their precision.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /** Benjamini-Hochberg adjusted p-values, in the order of {@code p}. */
  static double[] adjust(double[] p) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    double[] adjusted = new double[m];
    double min = 1;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      int rank = m - k;
      min = Math.min(min, p[i] * m / rank);
      adjusted[i] = min;
    }
    return adjusted;
  }
}
