package npc.ops.spotcheck;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import npc.audit.chain.AuditStore;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.ChainHead;
import npc.core.audit.AuditKind;

/**
 * A carrier's ports for a period as the audit record holds them: the subjects of the {@code PORT_OPENED} entries of
 * the period whose actor (the recipient) or {@code donor} is the carrier. The record, not a table of ports, because
 * the record is what a regulator holds in an export: the same rule over a verified export of the period gives the
 * same population. It reads every chain from its start (the store has no index by time), so a draw costs a scan of
 * the record; a spot check is a rare, deliberate act.
 */
public final class AuditPopulation implements Population {
  private final AuditStore store;

  public AuditPopulation(AuditStore store) {
    this.store = store;
  }

  @Override
  public Set<String> ports(String carrier, Instant from, Instant to) {
    Set<String> ports = new TreeSet<>();
    for (ChainHead chain : store.latestCheckpoints()) {
      for (Iterator<AuditEntry> entries = store.entries(chain.chain(), 1); entries.hasNext(); ) {
        AuditRecord r = entries.next().record();
        if (r.kind().equals(AuditKind.PORT_OPENED.name()) && !r.at().isBefore(from) && r.at().isBefore(to)
            && (r.actor().equals(Optional.of(carrier)) || carrier.equals(r.evidence().get("donor")))) {
          r.subject().ifPresent(ports::add);
        }
      }
    }
    return ports;
  }
}
