package npc.core.porting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the embedded node's log says it flushed (bytes and flushes) and compacted, by table: the bytes a benchmark's
 * writes cost the node again after their request (each flushed byte is written to an SSTable, each compacted byte read
 * and written once more).
 */
final class NodeLog {
  private static final Pattern FLUSHED = Pattern.compile(
      "Completed flushing .*/([a-z_]+)-[0-9a-f]{32}/\\S+ \\(([0-9.]+)([KMG]i?B)\\)");
  private static final Pattern COMPACTED = Pattern.compile(
      "Compacted \\(.*/([a-z_]+)-[0-9a-f]{32}/.*\\]\\s+to level=\\d+\\.\\s+([0-9.,]+)([KMG]i?B) to");

  private NodeLog() {}

  /** Prints the MiB flushed and compacted by table, the most first, from the node's log {@code log}. */
  static void print(Path log) throws IOException {
    Map<String, double[]> tables = new TreeMap<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines.forEach(line -> {
        Matcher flushed = FLUSHED.matcher(line);
        if (flushed.find()) {
          double[] table = tables.computeIfAbsent(flushed.group(1), t -> new double[3]);
          table[0] += mib(flushed.group(2), flushed.group(3));
          table[2]++;
        }
        Matcher compacted = COMPACTED.matcher(line);
        if (compacted.find()) {
          tables.computeIfAbsent(compacted.group(1), t -> new double[3])[1] +=
              mib(compacted.group(2), compacted.group(3));
        }
      });
    }
    List<Map.Entry<String, double[]>> rows = new ArrayList<>(tables.entrySet());
    rows.sort((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
    StringBuilder line = new StringBuilder("node's flushes and compactions over the whole run, MiB flushed in so many "
        + "flushes / compacted:");
    for (Map.Entry<String, double[]> row : rows.subList(0, Math.min(10, rows.size()))) {
      line.append(String.format(" %s %.1f in %.0f / %.1f,", row.getKey(), row.getValue()[0], row.getValue()[2],
          row.getValue()[1]));
    }
    System.out.println(line);
  }

  private static double mib(String value, String unit) {
    double v = Double.parseDouble(value.replace(",", ""));
    return switch (unit.charAt(0)) {
      case 'K' -> v / 1024;
      case 'G' -> v * 1024;
      default -> v;
    };
  }
}
