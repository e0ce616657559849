package npc.simulator.regime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the built-in regimes. The files are npc-core's own regime files and number plans, copied into this
 * module's resources by the build, so that both read the same data and the simulator needs no npc-core classes.
 */
public final class Regimes {

  /** The regimes npc ships; the scenario's {@code regime} must name one. */
  public static final List<String> BUILT_IN = List.of("cn", "demo", "in");

  private static final String BASE = "/npc/simulator/";
  private static final Pattern LENGTH_NOTE = Pattern.compile("(\\d+)-digit");

  private Regimes() {}

  /** The built-in regime of this id, or empty if npc ships none of that id. */
  public static Optional<Regime> builtIn(String id) {
    if (!BUILT_IN.contains(id)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = open(BASE + "regime/" + id + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> carriers = new ArrayList<>();
    for (String c : list(p, "carriers")) {
      if (Boolean.parseBoolean(p.getProperty("carrier." + c + ".participant", "true"))) {
        carriers.add(c);
      }
    }
    List<Reason> reasons = new ArrayList<>();
    for (String code : list(p, "reasons")) {
      String prefix = "reason." + code + ".";
      Map<String, String> evidence = new LinkedHashMap<>();
      for (String field : list(p, prefix + "evidence")) {
        evidence.put(field, p.getProperty(prefix + "evidence." + field, "TEXT"));
      }
      reasons.add(new Reason(code, evidence,
          Boolean.parseBoolean(p.getProperty(prefix + "clearinghouse-verifies", "false")),
          Optional.ofNullable(p.getProperty(prefix + "refuted-on-port")),
          Boolean.parseBoolean(p.getProperty(prefix + "individuals", "false"))));
    }
    String ranges = p.getProperty("numbering.ranges");
    String file = ranges.substring(ranges.lastIndexOf('/') + 1);
    int length = Integer.parseInt(p.getProperty("numbering.length"));
    return Optional.of(new Regime(id, java.time.ZoneId.of(p.getProperty("zone", "UTC")),
        p.getProperty("numbering.country-code"), carriers, reasons,
        blocks(BASE + "numbering/" + file, length)));
  }

  /** Reads a number plan in npc-core's CSV format: {@code prefix,holder,portable,note}, {@code #} comments. */
  static List<Block> blocks(String resource, int defaultLength) {
    List<Block> blocks = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("prefix,")) {
          continue;
        }
        String[] f = line.split(",", -1);
        String note = f.length > 3 ? f[3] : "";
        Matcher m = LENGTH_NOTE.matcher(note);
        int length = m.find() ? Integer.parseInt(m.group(1)) : defaultLength;
        blocks.add(new Block(f[0].trim(), f[1].trim(), f[2].trim().equals("yes"), length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blocks;
  }

  private static List<String> list(Properties p, String key) {
    String v = p.getProperty(key, "").trim();
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
  }

  private static InputStream open(String resource) {
    InputStream in = Regimes.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("the simulator's build did not copy " + resource);
    }
    return in;
  }
}
