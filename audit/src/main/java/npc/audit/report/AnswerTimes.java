package npc.audit.report;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Answer times in milliseconds, in HdrHistogram's buckets of 3 significant digits (every value is kept within 0.1%
 * of itself), with the exact count and maximum; kept as a compressed HdrHistogram. In memory only the buckets that
 * hold a time are held (a full histogram's array is tens of kilobytes, and a fold holds two per carrier, chain and
 * day). A percentile is the nearest rank over the recorded times, as {@link Percentiles#of} takes it over the exact
 * values, reported as the highest value of the rank's bucket (capped at the exact maximum): never below the exact
 * figure, and at most 0.1% (1 ms under 1 s) above it.
 */
public final class AnswerTimes {
  private static final int DIGITS = 3;
  /** About 31 years: a longer time is kept as this. */
  private static final long LONGEST = 1_000_000_000_000L;
  /** Only for its bucket arithmetic, which is a function of its settings alone. */
  private static final Histogram SCALE = new Histogram(LONGEST, DIGITS);

  private final Map<Long, Long> buckets = new TreeMap<>();
  private long count;
  private long max;

  /** Times kept as {@link #encoded()} made them; an absent value is no time. */
  public static AnswerTimes decode(ByteBuffer encoded, long max) {
    AnswerTimes times = new AnswerTimes();
    if (encoded == null) {
      return times;
    }
    try {
      Histogram h = Histogram.decodeFromCompressedByteBuffer(encoded.duplicate(), 0);
      for (HistogramIterationValue v : h.recordedValues()) {
        times.put(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("answer times that are not a compressed HdrHistogram", e);
    }
    times.max = max;
    return times;
  }

  public void record(long millis) {
    long value = Math.min(Math.max(0, millis), LONGEST);
    put(value, 1);
    max = Math.max(max, value);
  }

  public void add(AnswerTimes other) {
    other.buckets.forEach(this::put);
    max = Math.max(max, other.max);
  }

  private void put(long value, long times) {
    buckets.merge(SCALE.lowestEquivalentValue(value), times, Long::sum);
    count += times;
  }

  public long count() {
    return count;
  }

  public long max() {
    return max;
  }

  /** The times as a compressed HdrHistogram; null when there is none (a value to leave unset). */
  public ByteBuffer encoded() {
    if (count == 0) {
      return null;
    }
    Histogram h = new Histogram(DIGITS);
    h.setAutoResize(true);
    buckets.forEach(h::recordValueWithCount);
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    return ByteBuffer.wrap(buffer.array(), 0, length).slice();
  }

  public Percentiles percentiles() {
    if (count == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    return new Percentiles(count, rank(50), rank(90), rank(99), max);
  }

  private long rank(int percent) {
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
    long seen = 0;
    for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return Math.min(SCALE.highestEquivalentValue(bucket.getKey()), max);
      }
    }
    return max;
  }
}
