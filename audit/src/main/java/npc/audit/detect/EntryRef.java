package npc.audit.detect;

import npc.audit.record.AuditEntry;

/** Where an entry is in the record: what a finding cites, so a regulator can open the entry in the export. */
public record EntryRef(String chain, long position) {
  public static EntryRef of(AuditEntry entry) {
    return new EntryRef(entry.chain(), entry.position());
  }

  @Override
  public String toString() {
    return chain + "#" + position;
  }
}
