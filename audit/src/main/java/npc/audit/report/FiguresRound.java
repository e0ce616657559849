package npc.audit.report;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import npc.audit.chain.AuditStore;
import npc.audit.chain.ChainTails;
import npc.audit.record.AuditEntry;

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
  private final ChainTails<Fold> chains = new ChainTails<>(Fold::new);

  /** A chain's fold, and the days its entries of this round changed. */
  private static final class Fold {
    private final DayFold days = new DayFold();
    private final Set<LocalDate> changed = new TreeSet<>();
  }

  public FiguresRound(AuditStore record, DailyStore store) {
    this.record = record;
    this.store = store;
  }

  /** Folds what every chain appended since the last round and keeps the days it changed; returns the entries read. */
  public synchronized long run() {
    return chains.read(record, new ChainTails.Reader<>() {
      @Override
      public void entry(Fold fold, AuditEntry entry) {
        fold.changed.add(fold.days.add(entry));
      }

      @Override
      public void chainRead(String chain, Fold fold, long through) {
        for (LocalDate day : fold.changed) {
          store.write(chain, day, through, fold.days.day(day));
        }
        fold.changed.clear();
      }
    });
  }
}
