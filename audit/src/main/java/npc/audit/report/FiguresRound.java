package npc.audit.report;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import npc.audit.chain.AuditStore;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;

/**
 * Keeps the report figures of the record up to date ({@code audit/README.md}, "Daily figures"): tails each chain in
 * position order from the position after the last one read (a chain read up to a hole is read from the hole next
 * time), folds the entries into that chain's {@link DayFold}, and after each chain writes the figures of every day
 * that changed, as absolute values covering the chain through its last position read. A row is so a function of the
 * chain's first positions alone: any instance writing it for one position writes the same values, and the store keeps
 * the one covering most. Every instance runs it; a new one (a restart) reads every chain once from its first position.
 * The folds of every day are held in memory (a few hundred bytes per carrier, chain and day).
 */
public final class FiguresRound {
  private final AuditStore record;
  private final DailyStore store;
  private final Map<String, Tail> chains = new TreeMap<>();

  private static final class Tail {
    private long next = 1;
    private final DayFold fold = new DayFold();
  }

  public FiguresRound(AuditStore record, DailyStore store) {
    this.record = record;
    this.store = store;
  }

  /** Folds what every chain appended since the last round and keeps the days it changed; returns the entries read. */
  public synchronized long run() {
    for (ChainHead head : record.latestCheckpoints()) {
      chains.computeIfAbsent(head.chain(), c -> new Tail());
    }
    long read = 0;
    for (Map.Entry<String, Tail> chain : chains.entrySet()) {
      Tail tail = chain.getValue();
      Set<LocalDate> changed = new TreeSet<>();
      for (Iterator<AuditEntry> appended = record.entries(chain.getKey(), tail.next); appended.hasNext(); ) {
        AuditEntry e = appended.next();
        changed.add(tail.fold.add(e));
        tail.next = e.position() + 1;
        read++;
      }
      for (LocalDate day : changed) {
        store.write(chain.getKey(), day, tail.next - 1, tail.fold.day(day));
      }
    }
    return read;
  }
}
