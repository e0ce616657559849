package npc.audit.chain;

import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.ChainHead;

/**
 * A chain's next position and head: numbers and links each record appended. Not thread-safe: one writer at a time
 * ({@link ChainAppender} holds a lock around it, for the microseconds a hash takes).
 */
public final class Chain {
  private final String id;
  private long position;
  private Bytes32 head;

  /** A new chain, empty. */
  public Chain(String id) {
    this(id, 0, Bytes32.ZERO);
  }

  /** A chain that already holds {@code position} entries, the last hashing to {@code head}. */
  public Chain(String id, long position, Bytes32 head) {
    this.id = AuditEntry.requireChain(id);
    this.position = position;
    this.head = head;
  }

  public AuditEntry append(AuditRecord record) {
    AuditEntry entry = new AuditEntry(id, position + 1, head, record);
    position = entry.position();
    head = entry.hash();
    return entry;
  }

  public String id() {
    return id;
  }

  public ChainHead head() {
    return new ChainHead(id, position, head);
  }
}
