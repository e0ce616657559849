package npc.audit.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Where the folded figures are kept: per (day, carrier, chain) one row of absolute values and the chain position they
 * cover ({@link FiguresRound} says why that makes every writer agree).
 */
public interface DailyStore {
  /**
   * Keeps {@code carriers}' figures of {@code chain} on {@code day}, covering the chain through {@code covered}: all
   * together, and never over a row already covering a later position.
   */
  void write(String chain, LocalDate day, long covered, Map<String, DailyFigures> carriers);

  /** The figures of {@code carrier} on each of {@code days}, every chain's row. */
  List<DailyFigures> read(String carrier, List<LocalDate> days);
}
