package npc.audit.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed list of the heads of every chain its maker found at {@code at}: a chain cut short, or removed whole,
 * contradicts it. {@code madeBy} is the chain of the instance that made it. Heads are kept in canonical order
 * (chain ids by their UTF-8 bytes), one per chain.
 */
public record HeadsCheckpoint(Instant at, String madeBy, List<ChainHead> heads, Bytes32 keyId,
    Signature64 signature) {
  public HeadsCheckpoint {
    AuditRecord.requireMillis(at, "at");
    AuditEntry.requireChain(madeBy);
    heads = CanonicalEncoding.sortedByChain(heads, ChainHead::chain);
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }
}
