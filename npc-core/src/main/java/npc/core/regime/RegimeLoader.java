package npc.core.regime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierRegistry;
import npc.core.carrier.RoutingNumber;
import npc.core.numbering.NumberPlan;

/**
 * Reads a regime file: a {@code .properties} file whose keys are documented in {@code cn.properties}. Every
 * error names the file and the key.
 */
public final class RegimeLoader {
  private final String source;
  private final Properties properties;

  private RegimeLoader(String source, Properties properties) {
    this.source = source;
    this.properties = properties;
  }

  /** One of the regimes shipped with npc: {@code cn}, {@code demo} or {@code in}. */
  public static Regime builtIn(String id) {
    if (!id.matches("[a-z]{2,16}")) {
      throw new IllegalArgumentException("not a regime id: " + id);
    }
    return fromClasspath("npc/core/regime/" + id + ".properties");
  }

  public static Regime fromClasspath(String resource) {
    try (InputStream in = RegimeLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no regime file " + resource);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new RegimeLoader(resource, p).load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Regime load() {
    String id = text("id");
    ZoneId zone = zone("zone");
    NumberPlan numbers = NumberPlan.fromClasspath(integer("numbering.country-code"), text("numbering.ranges"),
        integer("numbering.length"));
    List<Carrier> carriers = new ArrayList<>();
    for (String carrierId : list("carriers")) {
      String prefix = "carrier." + carrierId + ".";
      carriers.add(new Carrier(new CarrierId(carrierId), text(prefix + "name"),
          new RoutingNumber(text(prefix + "routing-number")), bool(prefix + "participant")));
    }
    CodeRules code = new CodeRules(text("code.alphabet"), integer("code.length"), duration("code.lifetime"),
        bool("code.only-when-eligible"), integer("code.max-mismatches"));
    List<RejectionReason> reasons = new ArrayList<>();
    for (String reasonCode : list("reasons")) {
      String prefix = "reason." + reasonCode + ".";
      List<EvidenceField> fields = new ArrayList<>();
      List<String> named = list(prefix + "evidence");
      List<String> shareable = list(prefix + "shareable-evidence");
      for (String field : shareable) {
        if (!named.contains(field)) {
          throw error(prefix + "shareable-evidence", "names " + field + ", which is not in " + prefix + "evidence");
        }
      }
      for (String field : named) {
        fields.add(evidenceField(prefix + "evidence." + field, field, shareable.contains(field)));
      }
      Map<String, String> refuted = new LinkedHashMap<>();
      for (String pair : list(prefix + "refuted-on-port")) {
        String[] parts = pair.split(":", 2);
        if (parts.length != 2) {
          throw error(prefix + "refuted-on-port", "must list field:VALUE pairs, not " + pair);
        }
        refuted.put(parts[0].strip(), parts[1].strip());
      }
      try {
        reasons.add(new RejectionReason(reasonCode, text(prefix + "description"), fields,
            bool(prefix + "clearinghouse-verifies"), bool(prefix + "individuals"), refuted));
      } catch (IllegalArgumentException e) {
        throw error(prefix + "refuted-on-port", e.getMessage());
      }
    }
    return new Regime(id, text("name"), zone, numbers, new CarrierRegistry(carriers),
        duration("eligibility.answer-deadline"), code, duration("donor.answer-deadline"),
        activation(zone), duration("routing.ack-deadline"), duration("lock.period"), reasons);
  }

  private ActivationPolicy activation(ZoneId zone) {
    String policy = text("activation");
    return switch (policy) {
      case "IMMEDIATE" -> new ActivationPolicy.Immediate();
      case "NEXT_BOUNDARY" -> new ActivationPolicy.NextBoundary(duration("activation.period"), zone);
      case "NEXT_WORKING_DAY" -> {
        try {
          yield new ActivationPolicy.NextWorkingDay(LocalTime.parse(text("activation.at")), zone);
        } catch (DateTimeParseException e) {
          throw error("activation.at", "is not a time of day (HH:mm)");
        }
      }
      default -> throw error("activation", "must be IMMEDIATE, NEXT_BOUNDARY or NEXT_WORKING_DAY, not " + policy);
    };
  }

  private EvidenceField evidenceField(String key, String name, boolean shareable) {
    String spec = text(key);
    if (spec.startsWith("ONE_OF(") && spec.endsWith(")")) {
      Set<String> values = new LinkedHashSet<>(Arrays.asList(spec.substring(7, spec.length() - 1).split("\\|")));
      return new EvidenceField(name, EvidenceType.ONE_OF, values, shareable);
    }
    try {
      return new EvidenceField(name, EvidenceType.valueOf(spec), Set.of(), shareable);
    } catch (IllegalArgumentException e) {
      throw error(key, "must be one of " + Arrays.toString(EvidenceType.values()) + " or ONE_OF(a|b|c)");
    }
  }

  private String text(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw error(key, "is missing");
    }
    return value.strip();
  }

  private List<String> list(String key) {
    String value = properties.getProperty(key, "").strip();
    return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
  }

  private int integer(String key) {
    try {
      return Integer.parseInt(text(key));
    } catch (NumberFormatException e) {
      throw error(key, "is not a whole number");
    }
  }

  private boolean bool(String key) {
    String value = properties.getProperty(key, "false").strip();
    if (!value.equals("true") && !value.equals("false")) {
      throw error(key, "must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private Duration duration(String key) {
    try {
      return Duration.parse(text(key));
    } catch (DateTimeParseException e) {
      throw error(key, "is not an ISO-8601 duration such as PT30M or P120D");
    }
  }

  private ZoneId zone(String key) {
    try {
      return ZoneId.of(text(key));
    } catch (RuntimeException e) {
      throw error(key, "is not a time zone");
    }
  }

  private IllegalArgumentException error(String key, String problem) {
    return new IllegalArgumentException("regime " + source + ": " + key + " " + problem);
  }
}
