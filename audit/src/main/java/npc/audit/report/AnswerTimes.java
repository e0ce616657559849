package npc.audit.report;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Answer times in milliseconds as a mergeable HdrHistogram (3 significant digits: every value is kept within 0.1% of
 * itself) with the exact count and maximum. A percentile is the nearest rank over the recorded values, as
 * {@link Percentiles#of} takes it over the exact values, reported as the highest value of the rank's bucket (capped at
 * the exact maximum): never below the exact figure, and at most 0.1% (1 ms under 1 s) above it.
 */
public final class AnswerTimes {
  private static final int DIGITS = 3;

  private final Histogram histogram;
  private long max;

  public AnswerTimes() {
    this(newHistogram(), 0);
  }

  private AnswerTimes(Histogram histogram, long max) {
    this.histogram = histogram;
    this.max = max;
  }

  private static Histogram newHistogram() {
    Histogram h = new Histogram(DIGITS);
    h.setAutoResize(true);
    return h;
  }

  /** Times kept as {@link #encoded()} made them; an absent value is no time. */
  public static AnswerTimes decode(ByteBuffer encoded, long max) {
    if (encoded == null) {
      return new AnswerTimes();
    }
    try {
      Histogram h = Histogram.decodeFromCompressedByteBuffer(encoded.duplicate(), 0);
      h.setAutoResize(true);
      return new AnswerTimes(h, max);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("answer times that are not a compressed HdrHistogram", e);
    }
  }

  public void record(long millis) {
    long value = Math.max(0, millis);
    histogram.recordValue(value);
    max = Math.max(max, value);
  }

  public void add(AnswerTimes other) {
    histogram.add(other.histogram);
    max = Math.max(max, other.max);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  public long max() {
    return max;
  }

  /** The histogram, compressed; null when it holds no time (a value to leave unset). */
  public ByteBuffer encoded() {
    if (count() == 0) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return ByteBuffer.wrap(buffer.array(), 0, length).slice();
  }

  public Percentiles percentiles() {
    long n = count();
    if (n == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    return new Percentiles(n, rank(n, 50), rank(n, 90), rank(n, 99), max);
  }

  private long rank(long n, int percent) {
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
    long seen = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return Math.min(histogram.highestEquivalentValue(v.getValueIteratedTo()), max);
      }
    }
    return max;
  }
}
