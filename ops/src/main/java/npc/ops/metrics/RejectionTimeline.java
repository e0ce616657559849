package npc.ops.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rejections per minute, by carrier and reason, over the last {@link #MINUTES} minutes: what the dashboard charts
 * over time. Prometheus keeps the same counts as {@code npc_rejections_total} for as long as it is told to; this
 * keeps just enough for a page served without one. Older minutes are dropped as new ones start.
 */
public final class RejectionTimeline {
  public static final int MINUTES = 60;

  private final Clock clock;
  /** Minute (epoch minutes) to "carrier reason" to count. */
  private final ConcurrentSkipListMap<Long, Map<String, LongAdder>> minutes = new ConcurrentSkipListMap<>();

  public RejectionTimeline(Clock clock) {
    this.clock = clock;
  }

  void record(String carrier, String reason) {
    long minute = minute(clock.instant());
    minutes.computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
        .computeIfAbsent(carrier + " " + reason, k -> new LongAdder()).increment();
    if (minutes.firstKey() <= minute - MINUTES) {
      minutes.headMap(minute - MINUTES + 1).clear();
    }
  }

  /** One carrier's rejections for one reason, a count per minute from {@link Series#from()} on. */
  public record Series(String carrier, String reason, List<Long> counts) {}

  /** The last {@code MINUTES} minutes up to now. */
  public record Window(Instant from, List<Series> series) {}

  public Window window() {
    long now = minute(clock.instant());
    long first = now - MINUTES + 1;
    Map<String, long[]> counts = new TreeMap<>();
    minutes.tailMap(first).forEach((minute, byKey) -> byKey.forEach((key, n) -> {
      if (minute <= now) {
        counts.computeIfAbsent(key, k -> new long[MINUTES])[(int) (minute - first)] = n.sum();
      }
    }));
    List<Series> series = new ArrayList<>();
    counts.forEach((key, values) -> {
      int space = key.indexOf(' ');
      List<Long> list = new ArrayList<>(MINUTES);
      for (long v : values) {
        list.add(v);
      }
      series.add(new Series(key.substring(0, space), key.substring(space + 1), list));
    });
    return new Window(Instant.ofEpochSecond(first * 60), series);
  }

  private static long minute(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
  }
}
