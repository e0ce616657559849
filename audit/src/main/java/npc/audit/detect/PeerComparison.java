package npc.audit.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * The signal of the audit issue: a donor whose rejection rate for a reason is far above its peers'. A signal, never a
 * finding: its subscribers may really be in arrears more often.
 *
 * <p>Test: for each donor and reason, {@code x} = its {@code PORT_REJECTED_BY_DONOR} entries with that reason in the
 * period, {@code n} = its answers ({@code PORT_ACCEPTED} and {@code PORT_REJECTED_BY_DONOR}); peers = every other
 * donor pooled. Tested only when {@code n} and the peers' {@code n} are both at least {@link
 * DetectorSettings#peerMinSample()}. One-sided two-proportion z-test (pooled variance); the p-values of every test
 * of the run are adjusted by Benjamini-Hochberg, and a signal is reported when the adjusted p is at most {@link
 * DetectorSettings#peerAlpha()}.
 */
public final class PeerComparison {
  private final DetectorSettings settings;

  public PeerComparison(DetectorSettings settings) {
    this.settings = settings;
  }

  public List<Signal> signals(AuditHistory history) {
    Map<String, Long> answers = new TreeMap<>();
    Map<String, Map<String, Long>> rejections = new TreeMap<>();
    for (AuditKind kind : new AuditKind[] {AuditKind.PORT_ACCEPTED, AuditKind.PORT_REJECTED_BY_DONOR}) {
      for (AuditEntry e : history.inPeriod(kind)) {
        e.record().actor().ifPresent(donor -> {
          answers.merge(donor, 1L, Long::sum);
          if (kind == AuditKind.PORT_REJECTED_BY_DONOR) {
            rejections.computeIfAbsent(e.record().reason().orElse("-"), r -> new TreeMap<>())
                .merge(donor, 1L, Long::sum);
          }
        });
      }
    }
    long allAnswers = answers.values().stream().mapToLong(Long::longValue).sum();
    List<Signal> tested = new ArrayList<>();
    rejections.forEach((reason, byDonor) -> {
      long allX = byDonor.values().stream().mapToLong(Long::longValue).sum();
      answers.forEach((donor, n) -> {
        long x = byDonor.getOrDefault(donor, 0L);
        long peerN = allAnswers - n;
        if (n >= settings.peerMinSample() && peerN >= settings.peerMinSample()) {
          double z = ProportionTest.z(x, n, allX - x, peerN);
          tested.add(new Signal(donor, "REJECTED:" + reason, x, n, allX - x, peerN, z, ProportionTest.upperTail(z),
              Double.NaN));
        }
      });
    });
    double[] adjusted = ProportionTest.adjust(tested.stream().mapToDouble(Signal::p).toArray());
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < tested.size(); i++) {
      Signal s = tested.get(i);
      if (adjusted[i] <= settings.peerAlpha()) {
        signals.add(new Signal(s.carrier(), s.metric(), s.count(), s.sample(), s.peerCount(), s.peerSample(), s.z(),
            s.p(), adjusted[i]));
      }
    }
    return signals;
  }
}
