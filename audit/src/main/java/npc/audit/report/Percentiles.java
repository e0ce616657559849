package npc.audit.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Answer times of a report, in milliseconds, by nearest rank over every answer (exact: a report covers a carrier's
 * answers in one period, few enough to sort). Zero everywhere when there was no answer; {@code count} says so.
 */
public record Percentiles(long count, long p50, long p90, long p99, long max) {
  public static Percentiles of(Collection<Long> values) {
    if (values.isEmpty()) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  private static long rank(List<Long> sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
