package npc.audit.record;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that a chain had reached {@code position} with {@code hash} at {@code at}: everything up to
 * there is fixed. {@code signature} is Ed25519 over {@link CanonicalEncoding#checkpoint} by the key {@code keyId}.
 */
public record Checkpoint(ChainHead head, Instant at, Bytes32 keyId, Signature64 signature) {
  public Checkpoint {
    Objects.requireNonNull(head, "head");
    AuditRecord.requireMillis(at, "at");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }
}
