package npc.audit.findings;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import npc.audit.chain.AuditStore;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;

/**
 * The entries of a sliding window, kept in memory and brought up to date by tailing each chain from the position
 * after the last one read: a round reads only what was appended since the one before, never the whole record. A new
 * instance (a restart) starts with nothing and reads every chain from its first position once, dropping what is
 * older than the window.
 *
 * <p>Per chain it keeps exactly the positions {@link npc.audit.export.AuditExporter} exports for the same period:
 * from the first entry at or after {@code from} (earlier entries are dropped from the chain's front) to the last
 * entry before {@code to}, whole. So the detectors read here what they read from an export of the same period. A
 * chain read up to a hole (an instance that died with a write in flight) is read from the hole again next round.
 * Not thread-safe: one round at a time.
 */
final class RecentEntries {
  private final Map<String, Tail> chains = new TreeMap<>();

  private static final class Tail {
    private long next = 1;
    private final ArrayDeque<AuditEntry> entries = new ArrayDeque<>();
  }

  /** Reads what every chain appended since the last call, and returns the window's entries. */
  List<AuditEntry> read(AuditStore store, Instant from, Instant to) {
    for (ChainHead head : store.latestCheckpoints()) {
      chains.computeIfAbsent(head.chain(), c -> new Tail());
    }
    List<AuditEntry> window = new ArrayList<>();
    for (Map.Entry<String, Tail> chain : chains.entrySet()) {
      Tail tail = chain.getValue();
      for (Iterator<AuditEntry> appended = store.entries(chain.getKey(), tail.next); appended.hasNext(); ) {
        AuditEntry e = appended.next();
        tail.entries.addLast(e);
        tail.next = e.position() + 1;
        dropBefore(tail, from);
      }
      dropBefore(tail, from);
      addUpToLastBefore(tail, to, window);
    }
    return window;
  }

  /** Entries held now, all chains together: what a round costs in memory. */
  int held() {
    return chains.values().stream().mapToInt(t -> t.entries.size()).sum();
  }

  private static void dropBefore(Tail tail, Instant from) {
    while (!tail.entries.isEmpty() && tail.entries.peekFirst().record().at().isBefore(from)) {
      tail.entries.removeFirst();
    }
  }

  private static void addUpToLastBefore(Tail tail, Instant to, List<AuditEntry> window) {
    long last = 0;
    for (AuditEntry e : tail.entries) {
      if (e.record().at().isBefore(to)) {
        last = e.position();
      }
    }
    for (AuditEntry e : tail.entries) {
      if (e.position() > last) {
        break;
      }
      window.add(e);
    }
  }
}
