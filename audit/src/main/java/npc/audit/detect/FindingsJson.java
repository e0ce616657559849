package npc.audit.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings, insufficient data and signals as JSON Lines, one object a line with a {@code type} of {@code finding},
 * {@code insufficient} or {@code signal}: what {@code ./npc audit findings} prints. Field names are those of the
 * records; times are ISO-8601 UTC; evidence is a list of {@code {"chain", "position"}}. {@link #read} turns lines
 * back into the results they print (what the findings rounds kept, for a report).
 */
public final class FindingsJson {
  private static final JsonFactory JSON = new JsonFactory();

  private FindingsJson() {}

  public static List<String> lines(Detection detection) {
    List<String> lines = new ArrayList<>();
    detection.findings().forEach(f -> lines.add(line(f)));
    detection.insufficient().forEach(i -> lines.add(line(i)));
    detection.signals().forEach(s -> lines.add(line(s)));
    return lines;
  }

  public static String line(Finding f) {
    return write(g -> {
      g.writeStringField("type", "finding");
      g.writeStringField("carrier", f.carrier());
      g.writeStringField("rule", f.rule().name());
      g.writeStringField("from", f.from().toString());
      g.writeStringField("to", f.to().toString());
      g.writeStringField("severity", f.severity().name());
      g.writeStringField("sentence", f.sentence());
      g.writeArrayFieldStart("evidence");
      for (EntryRef ref : f.evidence()) {
        g.writeStartObject();
        g.writeStringField("chain", ref.chain());
        g.writeNumberField("position", ref.position());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("subjects");
      for (String s : f.subjects()) {
        g.writeString(s);
      }
      g.writeEndArray();
    });
  }

  public static String line(InsufficientData i) {
    return write(g -> {
      g.writeStringField("type", "insufficient");
      g.writeStringField("carrier", i.carrier());
      g.writeStringField("rule", i.rule().name());
      g.writeNumberField("sample", i.sample());
      g.writeNumberField("minimum", i.minimum());
      g.writeStringField("sentence", i.sentence());
    });
  }

  public static String line(Signal s) {
    return write(g -> {
      g.writeStringField("type", "signal");
      g.writeStringField("carrier", s.carrier());
      g.writeStringField("metric", s.metric());
      g.writeNumberField("count", s.count());
      g.writeNumberField("sample", s.sample());
      g.writeNumberField("peerCount", s.peerCount());
      g.writeNumberField("peerSample", s.peerSample());
      g.writeNumberField("z", s.z());
      g.writeNumberField("p", s.p());
      g.writeNumberField("adjustedP", s.adjustedP());
      g.writeStringField("sentence", s.sentence());
    });
  }

  /** The results the lines print, in their order; each line as {@link #lines} prints one. */
  public static Detection read(List<String> lines) {
    List<Finding> findings = new ArrayList<>();
    List<InsufficientData> insufficient = new ArrayList<>();
    List<Signal> signals = new ArrayList<>();
    for (String line : lines) {
      Map<String, Object> o = object(line);
      switch (text(o, "type")) {
        case "finding" -> {
          List<EntryRef> evidence = new ArrayList<>();
          for (Object ref : (List<?>) o.get("evidence")) {
            Map<?, ?> r = (Map<?, ?>) ref;
            evidence.add(new EntryRef((String) r.get("chain"), ((Number) r.get("position")).longValue()));
          }
          findings.add(new Finding(text(o, "carrier"), Rule.valueOf(text(o, "rule")),
              Instant.parse(text(o, "from")), Instant.parse(text(o, "to")), Severity.valueOf(text(o, "severity")),
              text(o, "sentence"), evidence, ((List<?>) o.get("subjects")).stream().map(String::valueOf).toList()));
        }
        case "insufficient" -> insufficient.add(new InsufficientData(text(o, "carrier"),
            Rule.valueOf(text(o, "rule")), number(o, "sample").longValue(), number(o, "minimum").longValue()));
        case "signal" -> signals.add(new Signal(text(o, "carrier"), text(o, "metric"),
            number(o, "count").longValue(), number(o, "sample").longValue(), number(o, "peerCount").longValue(),
            number(o, "peerSample").longValue(), number(o, "z").doubleValue(), number(o, "p").doubleValue(),
            number(o, "adjustedP").doubleValue()));
        default -> throw new IllegalArgumentException("not a findings line: " + line);
      }
    }
    return new Detection(findings, insufficient, signals);
  }

  private static String text(Map<String, Object> o, String field) {
    return (String) o.get(field);
  }

  private static Number number(Map<String, Object> o, String field) {
    return (Number) o.get(field);
  }

  private static Map<String, Object> object(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) value(p);
      return o;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a findings line: " + line, e);
    }
  }

  /** The value at the parser's current token: a map, a list, text or a number. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> o = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        o.put(name, value(p));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(value(p));
      }
      return list;
    }
    return t.isNumeric() ? p.getNumberValue() : p.getText();
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
