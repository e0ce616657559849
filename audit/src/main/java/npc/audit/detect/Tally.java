package npc.audit.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;

/**
 * Per carrier, the occasions a rule looks at and the offences among them, turned into findings against a
 * {@link Threshold}: the one way every count-based detector decides, so they cannot drift apart.
 */
final class Tally {
  /** The sentence of a finding: carrier, offences, occasions. */
  interface Sentence {
    String of(String carrier, long count, long sample);
  }

  private final Rule rule;
  private final Threshold threshold;
  private final Map<String, Long> occasions = new TreeMap<>();
  private final Map<String, List<List<AuditEntry>>> offences = new TreeMap<>();
  /** With a value, a finding also needs a share of offences above the peers' (see {@link #againstPeers}). */
  private double peerAlpha = Double.NaN;

  Tally(Rule rule, Threshold threshold) {
    this.rule = rule;
    this.threshold = threshold;
  }

  /**
   * A rule about time (silence past a deadline, a late acknowledgement) counts time the clearinghouse also spends:
   * when it is slow (a flood, an overloaded database), every carrier is late alike, and none by its own conduct. So
   * a carrier's finding counts only its offences beyond what its peers' pooled share (the other carriers with
   * occasions in the period) would give it: that excess must meet the threshold's count and share. When the peers
   * themselves offend at a finding's share, the clearinghouse was slow for all, and the carrier's share must also
   * stand above theirs by a one-sided two-proportion z-test at {@code alpha}. A carrier with no peer to compare with
   * is held to the threshold alone.
   */
  Tally againstPeers(double alpha) {
    this.peerAlpha = alpha;
    return this;
  }

  /** Whether the carrier's offences stand out from its peers' (always, without a peer gate or peers). */
  private boolean aboveItsPeers(String carrier, long count, long sample) {
    if (Double.isNaN(peerAlpha)) {
      return true;
    }
    long peerCount = 0;
    long peerSample = 0;
    for (Map.Entry<String, Long> each : occasions.entrySet()) {
      if (!each.getKey().equals(carrier)) {
        long theirs = offences.getOrDefault(each.getKey(), List.of()).size();
        peerCount += theirs;
        peerSample += Math.max(theirs, each.getValue());
      }
    }
    if (peerSample == 0) {
      return true;
    }
    double peerShare = (double) peerCount / peerSample;
    double excess = count - sample * peerShare;
    boolean beyond = excess >= threshold.minCount() && excess >= threshold.minShare() * sample;
    return beyond && (peerShare < threshold.minShare()
        || ProportionTest.upperTail(ProportionTest.z(count, sample, peerCount, peerSample)) < peerAlpha);
  }

  void occasion(String carrier) {
    occasions(carrier, 1);
  }

  void occasions(String carrier, long n) {
    occasions.merge(carrier, n, Long::sum);
  }

  /** One offence, proved by {@code entries} (the first is the deciding one). */
  void offence(String carrier, List<AuditEntry> entries) {
    offences.computeIfAbsent(carrier, c -> new ArrayList<>()).add(List.copyOf(entries));
  }

  void offence(String carrier, AuditEntry entry) {
    offence(carrier, List.of(entry));
  }

  Detection result(AuditHistory history, Sentence sentence) {
    List<Finding> findings = new ArrayList<>();
    List<InsufficientData> insufficient = new ArrayList<>();
    offences.forEach((carrier, list) -> {
      long count = list.size();
      long sample = Math.max(count, occasions.getOrDefault(carrier, 0L));
      if (sample < threshold.minSample()) {
        insufficient.add(new InsufficientData(carrier, rule, sample, threshold.minSample()));
      } else if (count >= threshold.minCount() && count >= threshold.minShare() * sample
          && aboveItsPeers(carrier, count, sample)) {
        Set<EntryRef> refs = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        for (List<AuditEntry> offence : list) {
          for (AuditEntry e : offence) {
            refs.add(EntryRef.of(e));
            e.record().subject().ifPresent(subjects::add);
          }
        }
        findings.add(new Finding(carrier, rule, history.from(), history.to(),
            Severity.of(count, threshold.minCount()), sentence.of(carrier, count, sample), List.copyOf(refs),
            List.copyOf(subjects)));
      }
    });
    return Detection.of(findings, insufficient);
  }
}
