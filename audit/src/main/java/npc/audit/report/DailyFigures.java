package npc.audit.report;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One carrier's report figures over some entries: of one chain on one UTC day as folded and kept, or their sum over
 * a report's days and chains. Every figure is a count or a histogram, so figures add up exactly ({@link #add}).
 * {@link DayFold} says which entry counts where.
 */
public final class DailyFigures {
  /** The indexes of {@link #counts()}. */
  static final int DEEMED = 0;
  static final int ENDED = 1;
  static final int COMPLETED = 2;
  static final int QUERY_EXPIRED = 3;
  static final int LATE_DEACTIVATIONS = 4;
  static final int LATE_DAYS = 5;
  static final int SLOW_ACKS = 6;
  static final int COUNTS = 7;

  private final Map<String, Long> outcomes = new TreeMap<>();
  private final Map<String, Long> reasons = new TreeMap<>();
  private final long[] counts = new long[COUNTS];
  private final AnswerTimes portAnswers;
  private final AnswerTimes queryAnswers;

  public DailyFigures() {
    this(new AnswerTimes(), new AnswerTimes());
  }

  private DailyFigures(AnswerTimes portAnswers, AnswerTimes queryAnswers) {
    this.portAnswers = portAnswers;
    this.queryAnswers = queryAnswers;
  }

  /** Figures as kept, {@code counts} in the order of {@link #counts()}. */
  public static DailyFigures of(Map<String, Long> outcomes, Map<String, Long> reasons, long[] counts,
      AnswerTimes portAnswers, AnswerTimes queryAnswers) {
    DailyFigures f = new DailyFigures(portAnswers, queryAnswers);
    f.outcomes.putAll(outcomes);
    f.reasons.putAll(reasons);
    System.arraycopy(counts, 0, f.counts, 0, COUNTS);
    return f;
  }

  /**
   * The counts: deemed acceptances as donor, ports ended, ports completed, {@code QUERY_EXPIRED} as donor, late
   * deactivations as donor, their started days, namings as a routing laggard.
   */
  public long[] counts() {
    return counts.clone();
  }

  public long count(int index) {
    return counts[index];
  }

  public void add(DailyFigures other) {
    other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    for (int i = 0; i < COUNTS; i++) {
      counts[i] += other.counts[i];
    }
    portAnswers.add(other.portAnswers);
    queryAnswers.add(other.queryAnswers);
  }

  void outcome(String kind) {
    outcomes.merge(kind, 1L, Long::sum);
  }

  void reason(String reason) {
    reasons.merge(reason, 1L, Long::sum);
  }

  void plus(int index, long amount) {
    counts[index] += amount;
  }

  public Map<String, Long> outcomes() {
    return Map.copyOf(outcomes);
  }

  public Map<String, Long> reasons() {
    return Map.copyOf(reasons);
  }

  public AnswerTimes portAnswers() {
    return portAnswers;
  }

  public AnswerTimes queryAnswers() {
    return queryAnswers;
  }

  /** Whether both hold the same figures, the answer times bucket by bucket. */
  public boolean sameAs(DailyFigures other) {
    return outcomes.equals(other.outcomes) && reasons.equals(other.reasons) && Arrays.equals(counts, other.counts)
        && Objects.equals(portAnswers.encoded(), other.portAnswers.encoded())
        && portAnswers.max() == other.portAnswers.max()
        && Objects.equals(queryAnswers.encoded(), other.queryAnswers.encoded())
        && queryAnswers.max() == other.queryAnswers.max();
  }
}
