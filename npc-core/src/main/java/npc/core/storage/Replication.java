package npc.core.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The keyspace's replication: {@code SimpleStrategy} with a factor for a single node or a test cluster, or
 * {@code NetworkTopologyStrategy} with a factor per datacenter for real deployments.
 */
public record Replication(String strategy, Map<String, Integer> factors) {

  public Replication {
    Objects.requireNonNull(strategy, "strategy");
    factors = Map.copyOf(new LinkedHashMap<>(factors));
    if (!strategy.equals("SimpleStrategy") && !strategy.equals("NetworkTopologyStrategy")) {
      throw new IllegalArgumentException("replication strategy must be SimpleStrategy or NetworkTopologyStrategy, not "
          + strategy);
    }
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("replication needs at least one factor");
    }
    factors.forEach((name, factor) -> {
      if (factor == null || factor < 1) {
        throw new IllegalArgumentException("replication factor for " + name + " must be at least 1");
      }
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("not a datacenter name: " + name);
      }
    });
  }

  public static Replication simple(int factor) {
    return new Replication("SimpleStrategy", Map.of("replication_factor", factor));
  }

  /**
   * Parses the configuration form: {@code SimpleStrategy:1} or {@code NetworkTopologyStrategy:dc1=3,dc2=3}.
   */
  public static Replication parse(String text) {
    String[] parts = text.trim().split(":", 2);
    if (parts.length != 2 || parts[1].isBlank()) {
      throw new IllegalArgumentException("replication must look like 'SimpleStrategy:1' or "
          + "'NetworkTopologyStrategy:dc1=3,dc2=3', not '" + text + "'");
    }
    String strategy = parts[0].trim();
    if (strategy.equals("SimpleStrategy")) {
      return simple(parseFactor(parts[1].trim(), text));
    }
    if (!strategy.equals("NetworkTopologyStrategy")) {
      throw new IllegalArgumentException("replication strategy must be SimpleStrategy or NetworkTopologyStrategy, "
          + "not " + strategy);
    }
    Map<String, Integer> factors = new LinkedHashMap<>();
    for (String entry : parts[1].split(",")) {
      String[] kv = entry.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected datacenter=factor in '" + text + "', found '" + entry + "'");
      }
      factors.put(kv[0].trim(), parseFactor(kv[1].trim(), text));
    }
    return new Replication(strategy, factors);
  }

  /** The CQL map literal for {@code CREATE KEYSPACE ... WITH replication = ...}. */
  public String toCql() {
    String entries = factors.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "'" + e.getKey() + "': " + e.getValue())
        .collect(Collectors.joining(", "));
    return "{'class': '" + strategy + "', " + entries + "}";
  }

  private static int parseFactor(String value, String text) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a replication factor: '" + value + "' in '" + text + "'");
    }
  }
}
