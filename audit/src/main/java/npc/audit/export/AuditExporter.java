package npc.audit.export;

import java.io.Writer;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import npc.audit.chain.AuditStore;
import npc.audit.record.AuditEntry;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalOrder;
import npc.audit.record.ChainHead;
import npc.audit.record.ExportEnd;
import npc.audit.sign.AuditSigner;

/**
 * Exports the stored record for a period: for each chain, the positions from its first entry at or after
 * {@code from} to its last entry before {@code to}, and every entry between them whatever its time (an entry's time
 * is its step's, and steps taken together may be appended slightly out of time order: a range of positions keeps
 * the chain whole). A chain with no entry in the period is stated empty, at the position where the period finds it.
 * The checkpoints among the exported positions and the heads checkpoints made in the period go with them.
 */
public final class AuditExporter {
  private AuditExporter() {}

  public static ExportEnd export(AuditStore store, Writer out, AuditSigner signer, Instant from, Instant to,
      Instant exportedAt) {
    ExportWriter export = new ExportWriter(out, signer, from, to);
    List<String> chains = store.latestCheckpoints().stream().map(ChainHead::chain)
        .sorted(CanonicalOrder.UTF8).toList();
    for (String chain : chains) {
      Range range = range(store.entries(chain, 1), from, to);
      Iterator<AuditEntry> entries = range.isEmpty() ? List.<AuditEntry>of().iterator()
          : limit(store.entries(chain, range.first), range.last);
      export.chain(chain, range.first, range.firstPrevious, entries, store.checkpoints(chain));
    }
    export.heads(store.heads(from, to));
    return export.finish(exportedAt);
  }

  /** Positions {@code first..last} (empty when last < first), the first linked to {@code firstPrevious}. */
  private record Range(long first, Bytes32 firstPrevious, long last) {
    boolean isEmpty() {
      return last < first;
    }
  }

  private static Range range(Iterator<AuditEntry> entries, Instant from, Instant to) {
    long first = 0;
    Bytes32 firstPrevious = Bytes32.ZERO;
    long last = 0;
    long seen = 0;
    Bytes32 seenHash = Bytes32.ZERO;
    while (entries.hasNext()) {
      AuditEntry e = entries.next();
      Instant at = e.record().at();
      if (first == 0 && !at.isBefore(from)) {
        first = e.position();
        firstPrevious = e.previous();
      }
      if (first != 0 && at.isBefore(to)) {
        last = e.position();
      }
      seen = e.position();
      seenHash = e.hash();
    }
    if (first == 0 || last == 0) {
      // Nothing in the period: the chain is stated empty where the period finds it.
      return first == 0 ? new Range(seen + 1, seenHash, seen) : new Range(first, firstPrevious, first - 1);
    }
    return new Range(first, firstPrevious, last);
  }

  private static Iterator<AuditEntry> limit(Iterator<AuditEntry> entries, long last) {
    return new Iterator<>() {
      private AuditEntry next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done && entries.hasNext()) {
          AuditEntry e = entries.next();
          next = e.position() <= last ? e : null;
          done = next == null;
        }
        return next != null;
      }

      @Override
      public AuditEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        AuditEntry e = next;
        next = null;
        return e;
      }
    };
  }
}
