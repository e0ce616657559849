package npc.ops.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import npc.audit.chain.AuditStore;
import npc.audit.detect.AuditHistory;
import npc.audit.detect.DetectorSettings;
import npc.audit.detect.Detectors;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;
import npc.audit.report.CarrierReport;
import npc.audit.report.CompensationRate;
import npc.audit.report.ReportBuilder;

/**
 * A carrier's report over a period from the stored record, by the audit's own {@link ReportBuilder} and
 * {@link Detectors} with their default settings, exactly as {@code ./npc audit report} runs them over an export:
 * the history is every chain's entries whose time is in the period (what the export of that period holds, less the
 * few entries of other times its position ranges carry along). Each chain is read once, page by page, in position
 * order; only the period's entries are kept in memory.
 */
final class StoredReports {
  private final AuditStore store;
  private final String regime;

  StoredReports(AuditStore store, String regime) {
    this.store = store;
    this.regime = regime;
  }

  CarrierReport report(String carrier, Instant from, Instant to) {
    AuditHistory history = new AuditHistory(entries(from, to), from, to);
    return new ReportBuilder(history).build(carrier, new Detectors(DetectorSettings.defaults()).run(history),
        CompensationRate.forRegime(regime));
  }

  private List<AuditEntry> entries(Instant from, Instant to) {
    List<AuditEntry> kept = new ArrayList<>();
    for (ChainHead head : store.latestCheckpoints()) {
      Iterator<AuditEntry> chain = store.entries(head.chain(), 1);
      while (chain.hasNext()) {
        AuditEntry e = chain.next();
        if (!e.record().at().isBefore(from) && e.record().at().isBefore(to)) {
          kept.add(e);
        }
      }
    }
    return kept;
  }
}
