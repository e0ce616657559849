package npc.audit.detect;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import npc.audit.record.AuditEntry;

/** Every detector of the audit issue's table, and the peer comparison signal, run over one history. */
public final class Detectors {
  private final List<Detector> detectors;
  private final PeerComparison peers;

  public Detectors(DetectorSettings settings) {
    this.detectors = List.of(
        new DeemedAcceptanceDetector(settings),
        new EligibilityUnansweredDetector(settings),
        new OffListReasonDetector(settings),
        new RefutedClaimDetector(settings),
        new EligibilityContradictionDetector(settings),
        new EvidenceReusedDetector(settings),
        new RejectThenAcceptDetector(settings),
        new RepeatedRejectionDetector(settings),
        new SlowRoutingAckDetector(settings),
        new LateDeactivationDetector(settings),
        new RetentionCancelDetector(settings),
        new BulkChannelDetector(settings),
        new CodeGuessingDetector(settings),
        new UpheldComplaintDetector(settings));
    this.peers = new PeerComparison(settings);
  }

  public List<Detector> detectors() {
    return detectors;
  }

  public Detection run(Collection<AuditEntry> entries, Instant from, Instant to) {
    return run(new AuditHistory(entries, from, to));
  }

  public Detection run(AuditHistory history) {
    Detection all = new Detection(List.of(), List.of(), peers.signals(history));
    for (Detector d : detectors) {
      all = all.plus(d.detect(history));
    }
    return all;
  }
}
