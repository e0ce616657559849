package npc.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of the scenario file read strictly: each key may be taken once, and {@link #done()} rejects any
 * key nobody took. Every error names the line of the value and the dotted path of its key, because the author reads
 * the file by line, not the loader.
 */
final class Fields {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Node node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private Fields(MappingNode node, String path) {
    this.node = node;
    this.path = path;
    for (NodeTuple t : node.getValue()) {
      String key = scalar(t.getKeyNode(), path);
      if (entries.put(key, t) != null) {
        throw error(t.getKeyNode(), child(path, key), "the key appears twice in the same mapping");
      }
    }
  }

  /** The mapping at {@code node}; anything else is an error at {@code path}. */
  static Fields of(Node node, String path) {
    if (!(node instanceof MappingNode m)) {
      throw error(node, path, "expected a mapping of keys to values");
    }
    return new Fields(m, path);
  }

  /** The keys not taken yet, in the file's order: for mappings whose keys are data (carrier ids). */
  List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  /** The key's own node (for its line), before its value is taken. */
  Node keyNode(String key) {
    return entries.get(key).getKeyNode();
  }

  /** The value of a key that must be there. */
  Node required(String key) {
    return optional(key).orElseThrow(() -> error(node, child(path, key), "the key is required"));
  }

  /** The value of a key that may be absent; taken either way. */
  Optional<Node> optional(String key) {
    NodeTuple t = entries.remove(key);
    return Optional.ofNullable(t).map(NodeTuple::getValueNode);
  }

  /** Rejects the keys nobody took: the format does not know them. */
  void done() {
    if (!entries.isEmpty()) {
      NodeTuple first = entries.values().iterator().next();
      String key = entries.keySet().iterator().next();
      throw error(first.getKeyNode(), child(path, key), "the format has no such key");
    }
  }

  /** The dotted path of {@code key} below this mapping. */
  String path(String key) {
    return child(path, key);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String scalar(Node node, String path) {
    if (!(node instanceof ScalarNode s)) {
      throw error(node, path, "expected a single value");
    }
    return s.getValue();
  }

  static List<Node> sequence(Node node, String path) {
    if (!(node instanceof SequenceNode s)) {
      throw error(node, path, "expected a list");
    }
    return s.getValue();
  }

  static String text(Node node, String path) {
    String v = scalar(node, path).trim();
    if (v.isEmpty()) {
      throw error(node, path, "expected a value, got nothing");
    }
    return v;
  }

  static double number(Node node, String path) {
    String v = scalar(node, path);
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(node, path, "expected a number, got '" + v + "'");
  }

  static double probability(Node node, String path) {
    double d = number(node, path);
    if (d < 0 || d > 1) {
      throw error(node, path, "expected a probability from 0 to 1, got " + scalar(node, path));
    }
    return d;
  }

  static long integer(Node node, String path) {
    String v = scalar(node, path);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error(node, path, "expected a whole number, got '" + v + "'");
    }
  }

  static int positiveInt(Node node, String path) {
    long n = integer(node, path);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw error(node, path, "expected a whole number from 1 to " + Integer.MAX_VALUE + ", got " + n);
    }
    return (int) n;
  }

  /** A duration written as a whole number and a unit: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}. */
  static Duration duration(Node node, String path) {
    String v = scalar(node, path).trim();
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw error(node, path, "expected a duration such as 500ms, 60s, 5m or 1h, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  static ScenarioException error(Node node, String path, String problem) {
    return new ScenarioException(node.getStartMark().getLine() + 1, path, problem);
  }
}
