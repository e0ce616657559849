package npc.gateway.server.log;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many of each expected refusal this gateway made since it started: what the ops service exports as metrics,
 * and what the logs, rate-limited, only sample. Thread-safe; counting costs no lock.
 */
public final class GatewayCounters {
  private final Map<Refusal, LongAdder> counts = new EnumMap<>(Refusal.class);
  private final RequestCounts requests = new RequestCounts();

  public GatewayCounters() {
    for (Refusal refusal : Refusal.values()) {
      counts.put(refusal, new LongAdder());
    }
  }

  /** The requests answered, by type and outcome. */
  public RequestCounts requests() {
    return requests;
  }

  public void count(Refusal refusal) {
    counts.get(refusal).increment();
  }

  public long get(Refusal refusal) {
    return counts.get(refusal).sum();
  }

  /** Every count at once, for an exporter. */
  public Map<Refusal, Long> snapshot() {
    Map<Refusal, Long> snapshot = new EnumMap<>(Refusal.class);
    counts.forEach((refusal, count) -> snapshot.put(refusal, count.sum()));
    return snapshot;
  }
}
