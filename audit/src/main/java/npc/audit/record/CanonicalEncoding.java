package npc.audit.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The bytes that are hashed and signed, specified in {@code audit/docs/format.md} ("Canonical encoding"); this class
 * and that page must say the same. The encoding is a fixed sequence of fields with no field names and no choices
 * left to the writer: big-endian integers, length-prefixed UTF-8 text, a presence byte before each optional field,
 * maps and lists in the byte order of their keys. Each structure starts with its own tag, so that the bytes of one
 * kind of structure can never be taken for another's.
 */
public final class CanonicalEncoding {
  public static final String ENTRY_TAG = "npc-audit-entry/1";
  public static final String CHECKPOINT_TAG = "npc-audit-checkpoint/1";
  public static final String HEADS_TAG = "npc-audit-heads/1";
  public static final String EXPORT_END_TAG = "npc-audit-export-end/1";

  private CanonicalEncoding() {}

  /** The bytes whose SHA-256 is the entry's hash. */
  public static byte[] entry(AuditEntry entry) {
    AuditRecord r = entry.record();
    CanonicalBuffer out = new CanonicalBuffer(512);
    out.text(ENTRY_TAG);
    out.text(entry.chain());
    out.u64(entry.position());
    out.bytes32(entry.previous());
    record(out, r);
    return out.toByteArray();
  }

  /**
   * Writes a record's fields as an entry's encoding holds them, after its position and previous hash. Also how the
   * audit stores a step it is about to take (an intent, {@code npc.audit.trail}), behind a tag of its own.
   */
  public static void record(CanonicalBuffer out, AuditRecord r) {
    out.uuid(r.step());
    out.time(r.at());
    out.optionalText(r.actor());
    out.text(r.kind());
    out.optionalText(r.subject());
    out.optionalText(r.msisdn());
    out.optionalText(r.stateBefore());
    out.optionalText(r.stateAfter());
    out.optionalText(r.reason());
    out.u32(r.evidence().size());
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      out.text(e.getKey());
      out.text(e.getValue());
    }
    if (r.deadline().isPresent()) {
      out.u8(1);
      out.time(r.deadline().get());
    } else {
      out.u8(0);
    }
    if (r.subscriber().isPresent()) {
      out.u8(1);
      out.bytes32(r.subscriber().get());
    } else {
      out.u8(0);
    }
  }

  /** The bytes a chain checkpoint's signature covers. */
  public static byte[] checkpoint(ChainHead head, Instant at, Bytes32 keyId) {
    CanonicalBuffer out = new CanonicalBuffer(160);
    out.text(CHECKPOINT_TAG);
    head(out, head);
    out.time(at);
    out.bytes32(keyId);
    return out.toByteArray();
  }

  /** The bytes a heads checkpoint's signature covers; {@code heads} in canonical order. */
  public static byte[] heads(Instant at, String madeBy, List<ChainHead> heads, Bytes32 keyId) {
    CanonicalBuffer out = new CanonicalBuffer(64 + 96 * heads.size());
    out.text(HEADS_TAG);
    out.time(at);
    out.text(madeBy);
    out.bytes32(keyId);
    List<ChainHead> sorted = sortedByChain(heads, ChainHead::chain);
    out.u32(sorted.size());
    for (ChainHead head : sorted) {
      head(out, head);
    }
    return out.toByteArray();
  }

  /** The bytes an export's end statement's signature covers; {@code chains} in canonical order. */
  public static byte[] exportEnd(Instant from, Instant to, Instant exportedAt, List<ExportEnd.Extent> chains,
      Bytes32 keyId) {
    CanonicalBuffer out = new CanonicalBuffer(96 + 160 * chains.size());
    out.text(EXPORT_END_TAG);
    out.time(from);
    out.time(to);
    out.time(exportedAt);
    out.bytes32(keyId);
    List<ExportEnd.Extent> sorted = sortedByChain(chains, ExportEnd.Extent::chain);
    out.u32(sorted.size());
    for (ExportEnd.Extent e : sorted) {
      out.text(e.chain());
      out.u64(e.firstPosition());
      out.bytes32(e.firstPrevious());
      out.u64(e.lastPosition());
      out.bytes32(e.lastHash());
    }
    return out.toByteArray();
  }

  /** A copy in canonical order; a chain named twice is refused, as it would make the statement ambiguous. */
  static <T> List<T> sortedByChain(List<T> items, Function<T, String> chain) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> CanonicalOrder.UTF8.compare(chain.apply(a), chain.apply(b)));
    Set<String> seen = new HashSet<>();
    for (T item : sorted) {
      if (!seen.add(chain.apply(item))) {
        throw new IllegalArgumentException("chain " + chain.apply(item) + " is named twice");
      }
    }
    return List.copyOf(sorted);
  }

  private static void head(CanonicalBuffer out, ChainHead head) {
    out.text(head.chain());
    out.u64(head.position());
    out.bytes32(head.hash());
  }
}
