package npc.audit.record;

import java.util.Objects;

/** Where a chain stood: its position and the hash of the entry there. */
public record ChainHead(String chain, long position, Bytes32 hash) {
  public ChainHead {
    AuditEntry.requireChain(chain);
    if (position < 0) {
      throw new IllegalArgumentException("a position is 0 (an empty chain) or more: " + position);
    }
    Objects.requireNonNull(hash, "hash");
  }
}
