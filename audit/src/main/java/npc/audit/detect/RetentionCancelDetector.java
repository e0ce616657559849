package npc.audit.detect;

import static npc.audit.detect.AuditHistory.fact;
import static npc.audit.detect.AuditHistory.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditKind;

/**
 * {@code RETENTION_CANCEL}: ports cancelled soon after this donor was told of them, far more often than with other
 * donors (retention pressure on the subscriber).
 *
 * <p>Rule: a {@code PORT_CANCELLED} in the period whose donor had been told of the port ({@code toldAt}) at most
 * {@link DetectorSettings#retentionWindow()} before is a cancellation after notice; a cancellation before the donor
 * was told cannot be its doing and never counts. Occasions: ports opened against the donor. A finding needs, all at
 * once: {@link DetectorSettings#retention()} (default 30 ports, 5 cancellations), a share at least {@link
 * DetectorSettings#retentionRatio()} times its peers' (all other donors pooled), and a one-sided two-proportion
 * z-test significant at {@link DetectorSettings#retentionAlpha()}. Every cancellation it counts followed the donor's
 * notice, which is the conduct evidence; the comparison only keeps a fickle population from being read as pressure.
 * Source: the audit issue's table (retention contact during a port, forbidden under the MIIT 2019 rules).
 */
public final class RetentionCancelDetector implements Detector {
  private final DetectorSettings settings;

  public RetentionCancelDetector(DetectorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Rule rule() {
    return Rule.RETENTION_CANCEL;
  }

  @Override
  public Detection detect(AuditHistory history) {
    Map<String, Long> ports = new TreeMap<>();
    for (AuditEntry opened : history.inPeriod(AuditKind.PORT_OPENED)) {
      fact(opened, "donor").ifPresent(d -> ports.merge(d, 1L, Long::sum));
    }
    Map<String, List<AuditEntry>> cancelled = new TreeMap<>();
    for (AuditEntry c : history.inPeriod(AuditKind.PORT_CANCELLED)) {
      Optional<String> donor = fact(c, "donor");
      Optional<Instant> told = instant(c, "toldAt");
      Instant at = c.record().at();
      if (donor.isPresent() && told.isPresent() && !told.get().isAfter(at)
          && !told.get().plus(settings.retentionWindow()).isBefore(at)) {
        cancelled.computeIfAbsent(donor.get(), d -> new ArrayList<>()).add(c);
      }
    }
    long allPorts = ports.values().stream().mapToLong(Long::longValue).sum();
    long allCancelled = cancelled.values().stream().mapToLong(List::size).sum();
    Tally tally = new Tally(rule(), settings.retention());
    cancelled.forEach((donor, list) -> {
      long n = Math.max(list.size(), ports.getOrDefault(donor, 0L));
      long x = list.size();
      long peerN = allPorts - ports.getOrDefault(donor, 0L);
      long peerX = allCancelled - x;
      boolean fewPorts = n < settings.retention().minSample();
      boolean farAbovePeers = peerN > 0 && (double) x / n >= settings.retentionRatio() * ((double) peerX / peerN)
          && ProportionTest.upperTail(ProportionTest.z(x, n, peerX, peerN)) < settings.retentionAlpha();
      if (fewPorts || farAbovePeers) {
        tally.occasions(donor, n);
        list.forEach(c -> tally.offence(donor, c));
      }
    });
    return tally.result(history, (carrier, count, sample) -> count + " of " + sample + " ports against " + carrier
        + " were cancelled within " + settings.retentionWindow() + " of it being told, far more often than with "
        + "other donors");
  }
}
