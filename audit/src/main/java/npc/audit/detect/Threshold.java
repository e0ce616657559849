package npc.audit.detect;

/**
 * When a carrier's conduct under a rule becomes a finding: at least {@code minSample} occasions (ports, queries,
 * answers it had), at least {@code minCount} offences, and offences making at least {@code minShare} of the
 * occasions. Below {@code minSample}, a carrier with offences is reported as insufficient data.
 */
public record Threshold(long minSample, long minCount, double minShare) {
  public Threshold {
    if (minSample < 1 || minCount < 1 || minShare < 0 || minShare > 1) {
      throw new IllegalArgumentException("a threshold needs minSample >= 1, minCount >= 1, 0 <= minShare <= 1: "
          + minSample + ", " + minCount + ", " + minShare);
    }
  }

  /** A count of offences alone, each one being proof of conduct. */
  public static Threshold count(long minCount) {
    return new Threshold(1, minCount, 0);
  }
}
