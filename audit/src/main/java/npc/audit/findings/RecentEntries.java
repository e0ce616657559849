package npc.audit.findings;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import npc.audit.chain.AuditStore;
import npc.audit.chain.ChainTails;
import npc.audit.record.AuditEntry;

/**
 * The entries of a sliding window, kept in memory and brought up to date by tailing each chain from the position
 * after the last one read: a round reads only what was appended since the one before, never the whole record. A new
 * instance (a restart) starts with nothing and reads every chain from its first position once, dropping what is
 * older than the window ({@link ChainTails}).
 *
 * <p>Per chain it keeps exactly the positions {@link npc.audit.export.AuditExporter} exports for the same period:
 * from the first entry at or after {@code from} (earlier entries are dropped from the chain's front) to the last
 * entry before {@code to}, whole. So the detectors read here what they read from an export of the same period. A
 * chain read up to a hole (an instance that died with a write in flight) is read from the hole again next round.
 * Not thread-safe: one round at a time.
 */
final class RecentEntries {
  private final ChainTails<ArrayDeque<AuditEntry>> chains = new ChainTails<>(ArrayDeque::new);

  /** Reads what every chain appended since the last call, and returns the window's entries. */
  List<AuditEntry> read(AuditStore store, Instant from, Instant to) {
    List<AuditEntry> window = new ArrayList<>();
    chains.read(store, new ChainTails.Reader<>() {
      @Override
      public void entry(ArrayDeque<AuditEntry> entries, AuditEntry entry) {
        entries.addLast(entry);
        dropBefore(entries, from);
      }

      @Override
      public void chainRead(String chain, ArrayDeque<AuditEntry> entries, long through) {
        dropBefore(entries, from);
        addUpToLastBefore(entries, to, window);
      }
    });
    return window;
  }

  /** Entries held now, all chains together: what a round costs in memory. */
  int held() {
    int held = 0;
    for (ArrayDeque<AuditEntry> entries : chains.states()) {
      held += entries.size();
    }
    return held;
  }

  private static void dropBefore(ArrayDeque<AuditEntry> entries, Instant from) {
    while (!entries.isEmpty() && entries.peekFirst().record().at().isBefore(from)) {
      entries.removeFirst();
    }
  }

  private static void addUpToLastBefore(ArrayDeque<AuditEntry> entries, Instant to, List<AuditEntry> window) {
    long last = 0;
    for (AuditEntry e : entries) {
      if (e.record().at().isBefore(to)) {
        last = e.position();
      }
    }
    for (AuditEntry e : entries) {
      if (e.position() > last) {
        break;
      }
      window.add(e);
    }
  }
}
