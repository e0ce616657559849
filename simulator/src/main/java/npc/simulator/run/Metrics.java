package npc.simulator.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Latencies per flow (HdrHistogram, microseconds, measured from the moment the open-loop schedule meant the request
 * to go out, so that a slow system is not hidden by sending late) and counters. Written as {@code .hgrm} files and
 * {@code summary.json}.
 */
final class Metrics {

  private final Map<String, Histogram> flows = new TreeMap<>();
  private final Map<String, AtomicLong> counters = new TreeMap<>();

  synchronized void record(String flow, long micros) {
    flows.computeIfAbsent(flow, f -> new Histogram(3_600_000_000L, 3)).recordValue(Math.max(1, micros));
  }

  /** A copy of the latencies of {@code flow}, empty (no samples) when nothing was recorded. */
  synchronized Histogram histogram(String flow) {
    Histogram h = flows.get(flow);
    return h == null ? new Histogram(3_600_000_000L, 3) : h.copy();
  }

  void count(String counter) {
    counter(counter).incrementAndGet();
  }

  long get(String counter) {
    return counter(counter).get();
  }

  private synchronized AtomicLong counter(String name) {
    return counters.computeIfAbsent(name, n -> new AtomicLong());
  }

  /** Writes {@code <flow>.hgrm} per flow and {@code summary.json} into {@code dir}. */
  synchronized void write(Path dir, String scenario, double seconds) throws IOException {
    StringBuilder json = new StringBuilder("{\"scenario\":\"" + scenario + "\"");
    json.append(String.format(Locale.ROOT, ",\"seconds\":%.3f", seconds));
    json.append(",\"counters\":{");
    String sep = "";
    for (Map.Entry<String, AtomicLong> c : counters.entrySet()) {
      json.append(sep).append('"').append(c.getKey()).append("\":").append(c.getValue().get());
      sep = ",";
    }
    json.append(String.format(Locale.ROOT, "},\"completed_ports_per_s\":%.3f", get("ports_completed") / seconds));
    json.append(",\"flows\":{");
    sep = "";
    for (Map.Entry<String, Histogram> f : flows.entrySet()) {
      Histogram h = f.getValue();
      try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(f.getKey() + ".hgrm")), true,
          "UTF-8")) {
        h.outputPercentileDistribution(out, 1000.0);
      }
      json.append(sep).append(String.format(Locale.ROOT,
          "\"%s\":{\"samples\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}", f.getKey(),
          h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
          h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
      sep = ",";
    }
    json.append("}}\n");
    Files.writeString(dir.resolve("summary.json"), json);
  }

  /** One line per flow, for the console. */
  synchronized void print(PrintStream out) {
    flows.forEach((flow, h) -> out.printf(Locale.ROOT,
        "simulate: %s p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f samples=%d%n", flow,
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount()));
    counters.forEach((name, v) -> out.printf(Locale.ROOT, "simulate: %s=%d%n", name, v.get()));
  }
}
