package npc.ops.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A signal: the carrier's rate of one rejection reason ({@code metric}) against every other donor's, with the
 * one-sided two-proportion z-test and its Benjamini-Hochberg adjusted p-value. A rate alone is never a finding: the
 * carrier's subscribers may really differ.
 */
@Serdeable
record SignalView(String carrier, String metric, long count, long sample, long peerCount, long peerSample, double z,
    double p, double adjustedP, String summary) {

  /** The line {@code ./npc audit findings} prints for a signal, as the findings round keeps it. */
  @Serdeable
  record Line(String carrier, String metric, long count, long sample, long peerCount, long peerSample, double z,
      double p, double adjustedP, String sentence) {
    SignalView view() {
      return new SignalView(carrier, metric, count, sample, peerCount, peerSample, z, p, adjustedP, sentence);
    }
  }
}
