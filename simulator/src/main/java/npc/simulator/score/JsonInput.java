package npc.simulator.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the JSON the score takes: a document or JSON Lines, as a list of objects. JSON is YAML's flow style, so
 * the YAML parser the simulator already carries reads it, safely (plain maps, lists and scalars only).
 */
final class JsonInput {

  private static final int MAX_CHARS = 256 * 1024 * 1024;

  private JsonInput() {}

  /**
   * The objects of {@code text}: the elements of a top-level array, the elements of the array under
   * {@code listKey} of a top-level object, a single object, or one object a line.
   */
  static List<Map<?, ?>> objects(String text, String listKey, String what) {
    String t = text.strip();
    if (t.isEmpty()) {
      return List.of();
    }
    Object doc;
    try {
      doc = parser().load(t);
    } catch (YAMLException e) {
      return lines(t, what);
    }
    if (doc instanceof Map<?, ?> m && m.get(listKey) instanceof List<?> l) {
      return list(l, what);
    }
    if (doc instanceof Map<?, ?> m) {
      return List.of(m);
    }
    if (doc instanceof List<?> l) {
      return list(l, what);
    }
    throw new ScoreInputException(what + " is not JSON objects");
  }

  private static List<Map<?, ?>> lines(String text, String what) {
    List<Map<?, ?>> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        if (parser().load(lines[i]) instanceof Map<?, ?> m) {
          out.add(m);
          continue;
        }
      } catch (YAMLException e) {
        throw new ScoreInputException(what + " line " + (i + 1) + " is not JSON: " + e.getMessage());
      }
      throw new ScoreInputException(what + " line " + (i + 1) + " is not a JSON object");
    }
    return out;
  }

  private static List<Map<?, ?>> list(List<?> l, String what) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof Map<?, ?> m)) {
        throw new ScoreInputException(what + " element " + i + " is not a JSON object");
      }
      out.add(m);
    }
    return out;
  }

  /** The text value of {@code key}, which must be there. */
  static String text(Map<?, ?> object, String key, String what) {
    Object v = object.get(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new ScoreInputException(what + " has an object without its \"" + key + "\": " + object);
    }
    return s;
  }

  private static Yaml parser() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CHARS);
    options.setMaxAliasesForCollections(0);
    return new Yaml(new SafeConstructor(options));
  }
}
