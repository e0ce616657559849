package npc.gateway.server.log;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts expected refusals and logs them at INFO, at most one line per kind per interval, with how many there were
 * since the last line and the reason of the latest; never a stack trace. Anyone who can reach the port can cause
 * these, so the log must not grow with them.
 */
public final class RefusalLog {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

  private final GatewayCounters counters;
  private final Clock clock;
  private final long intervalMillis;
  private final Consumer<String> sink;
  private final Map<Refusal, Window> windows = new EnumMap<>(Refusal.class);

  /** Since the last line of one kind: when it was written, and how many came after it. */
  private static final class Window {
    long lastLineAt = Long.MIN_VALUE;
    long unlogged;
  }

  public RefusalLog(GatewayCounters counters, Clock clock, Duration interval) {
    this(counters, clock, interval, LOG::info);
  }

  RefusalLog(GatewayCounters counters, Clock clock, Duration interval, Consumer<String> sink) {
    this.counters = counters;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.sink = sink;
    for (Refusal refusal : Refusal.values()) {
      windows.put(refusal, new Window());
    }
  }

  public GatewayCounters counters() {
    return counters;
  }

  /** Counts one refusal and logs it if no line of its kind was written within the interval. */
  public void refused(Refusal refusal, Object from, String reason) {
    counters.count(refusal);
    String line;
    Window window = windows.get(refusal);
    synchronized (window) {
      window.unlogged++;
      long now = clock.millis();
      if (window.lastLineAt != Long.MIN_VALUE && now - window.lastLineAt < intervalMillis) {
        return;
      }
      line = refusal + ": " + window.unlogged + " since the last line, the latest from " + from + ": "
          + ClientText.safe(reason);
      window.lastLineAt = now;
      window.unlogged = 0;
    }
    sink.accept(line);
  }
}
