package npc.audit.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The signed last line of an export: what it holds, so that a file cut short is found truncated rather than taken
 * for a shorter export. One {@link Extent} per chain, in canonical order.
 */
public record ExportEnd(Instant from, Instant to, Instant exportedAt, List<Extent> chains, Bytes32 keyId,
    Signature64 signature) {
  public ExportEnd {
    AuditRecord.requireMillis(from, "from");
    AuditRecord.requireMillis(to, "to");
    AuditRecord.requireMillis(exportedAt, "exportedAt");
    chains = CanonicalEncoding.sortedByChain(chains, Extent::chain);
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * The entries of one chain in the export: {@code firstPosition} to {@code lastPosition}, the first linked to
   * {@code firstPrevious}, the last hashing to {@code lastHash}. A chain with no entry in the export has
   * {@code lastPosition = firstPosition - 1} and {@code lastHash = firstPrevious}.
   */
  public record Extent(String chain, long firstPosition, Bytes32 firstPrevious, long lastPosition, Bytes32 lastHash) {
    public Extent {
      AuditEntry.requireChain(chain);
      if (firstPosition < 1 || lastPosition < firstPosition - 1) {
        throw new IllegalArgumentException("an extent runs from position 1 or more to the first less one or more: "
            + firstPosition + ".." + lastPosition);
      }
      Objects.requireNonNull(firstPrevious, "firstPrevious");
      Objects.requireNonNull(lastHash, "lastHash");
    }
  }
}
