package npc.audit.detect;

/**
 * A rate far from the carrier's peers', never a finding: the carrier's population may simply differ. It states the
 * test: a one-sided two-proportion z-test of {@code count/sample} against the pooled peers' {@code peerCount/
 * peerSample}, its p-value, and the p-value adjusted by Benjamini-Hochberg over every comparison made in the run.
 *
 * @param metric what was compared, e.g. {@code REJECTED:UNPAID_CHARGES}
 */
public record Signal(String carrier, String metric, long count, long sample, long peerCount, long peerSample,
    double z, double p, double adjustedP) {
  public String sentence() {
    return String.format(java.util.Locale.ROOT,
        "%s: %s rate %d/%d against peers' %d/%d (two-proportion z=%.2f, p=%.2g, Benjamini-Hochberg adjusted %.2g)",
        carrier, metric, count, sample, peerCount, peerSample, z, p, adjustedP);
  }
}
