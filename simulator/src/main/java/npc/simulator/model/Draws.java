package npc.simulator.model;

/**
 * Seeded random draws without shared state: each draw hashes the seed with the draw's keys (SplitMix64's
 * finaliser), so that the same subscriber or request gets the same draw whichever thread asks first, and no
 * generator has to be stored per subscriber.
 */
public final class Draws {

  private static final double UNIT = 0x1.0p-53;

  private Draws() {}

  /** A well-mixed 64-bit hash of the seed and keys. */
  public static long hash(long seed, long... keys) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    for (long k : keys) {
      h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** A uniform draw in [0, 1) for the seed and keys. */
  public static double uniform(long seed, long... keys) {
    return (hash(seed, keys) >>> 11) * UNIT;
  }

  /** A standard normal draw for the seed and keys (Box-Muller over two independent uniforms). */
  public static double normal(long seed, long... keys) {
    long h = hash(seed, keys);
    double u1 = ((mix(h) >>> 11) + 1) * UNIT;
    double u2 = (mix(h + 1) >>> 11) * UNIT;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A key from a text, for draws keyed by names (carrier, tactic). */
  public static long key(String text) {
    long h = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
