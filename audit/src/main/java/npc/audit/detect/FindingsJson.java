package npc.audit.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings, insufficient data and signals as JSON Lines, one object a line with a {@code type} of {@code finding},
 * {@code insufficient} or {@code signal}: what {@code ./npc audit findings} prints. Field names are those of the
 * records; times are ISO-8601 UTC; evidence is a list of {@code {"chain", "position"}}.
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
