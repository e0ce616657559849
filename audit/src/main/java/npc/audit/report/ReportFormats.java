package npc.audit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import npc.audit.detect.FindingsJson;

/**
 * A report as JSON (one object; its findings, insufficient data and signals as the objects
 * {@code ./npc audit findings} prints) and as CSV ({@code section,name,value} rows, one figure a row, for a
 * spreadsheet). Times are ISO-8601 UTC, durations milliseconds, amounts in the currency's minor unit. A figure that
 * does not exist (no ended port, no rate) is JSON {@code null} and an empty CSV value, never 0.
 */
public final class ReportFormats {
  private static final JsonFactory JSON = new JsonFactory();

  private ReportFormats() {}

  public static String json(CarrierReport r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("carrier", r.carrier());
      g.writeStringField("from", r.from().toString());
      g.writeStringField("to", r.to().toString());
      map(g, "outcomes", r.outcomes());
      map(g, "rejectionReasons", r.rejectionReasons());
      percentiles(g, "portAnswerMillis", r.portAnswers());
      percentiles(g, "queryAnswerMillis", r.queryAnswers());
      g.writeNumberField("deemedAcceptances", r.deemedAcceptances());
      map(g, "deadlineBreaches", r.deadlineBreaches());
      g.writeNumberField("portsEnded", r.portsEnded());
      g.writeNumberField("portsCompleted", r.portsCompleted());
      g.writeFieldName("successRate");
      if (r.successRate().isPresent()) {
        g.writeNumber(r.successRate().getAsDouble());
      } else {
        g.writeNull();
      }
      g.writeFieldName("results");
      g.writeRawValue(results(r));
      g.writeObjectFieldStart("compensation");
      g.writeNumberField("delayDays", r.delayDays());
      if (r.rate().isPresent()) {
        g.writeNumberField("perDay", r.rate().get().minorUnitsPerDay());
        g.writeStringField("currency", r.rate().get().currency());
        g.writeStringField("source", r.rate().get().source());
        g.writeNumberField("owed", r.compensationOwed().orElseThrow());
      } else {
        g.writeNullField("perDay");
        g.writeNullField("owed");
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static String csv(CarrierReport r) {
    List<String> rows = new ArrayList<>();
    rows.add("section,name,value");
    rows.add(row("report", "carrier", r.carrier()));
    rows.add(row("report", "from", r.from().toString()));
    rows.add(row("report", "to", r.to().toString()));
    r.outcomes().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> rows.add(row("outcome", e.getKey(), e.getValue())));
    r.rejectionReasons().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> rows.add(row("rejection-reason", e.getKey(), e.getValue())));
    percentileRows(rows, "port-answer-millis", r.portAnswers());
    percentileRows(rows, "query-answer-millis", r.queryAnswers());
    rows.add(row("deadline", "DEEMED_ACCEPTANCE", r.deemedAcceptances()));
    r.deadlineBreaches().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> rows.add(row("deadline", e.getKey(), e.getValue())));
    rows.add(row("ports", "ended", r.portsEnded()));
    rows.add(row("ports", "completed", r.portsCompleted()));
    rows.add(row("ports", "success-rate", r.successRate().isPresent()
        ? String.format(Locale.ROOT, "%.4f", r.successRate().getAsDouble()) : ""));
    r.findings().forEach(f -> rows.add(row("finding", f.rule().name(), f.severity().name())));
    r.insufficient().forEach(i -> rows.add(row("insufficient", i.rule().name(), i.sample() + "/" + i.minimum())));
    r.signals().forEach(s -> rows.add(row("signal", s.metric(), String.format(Locale.ROOT, "%.3g", s.adjustedP()))));
    rows.add(row("compensation", "delay-days", r.delayDays()));
    rows.add(row("compensation", "per-day", r.rate().map(c -> c.minorUnitsPerDay() + " " + c.currency()).orElse("")));
    rows.add(row("compensation", "owed", r.compensationOwed().map(String::valueOf).orElse("")));
    return String.join("\n", rows) + "\n";
  }

  private static String results(CarrierReport r) {
    List<String> lines = new ArrayList<>();
    r.findings().forEach(f -> lines.add(FindingsJson.line(f)));
    r.insufficient().forEach(i -> lines.add(FindingsJson.line(i)));
    r.signals().forEach(s -> lines.add(FindingsJson.line(s)));
    return "[" + String.join(",", lines) + "]";
  }

  private static void map(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void percentiles(JsonGenerator g, String name, Percentiles p) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("count", p.count());
    g.writeNumberField("p50", p.p50());
    g.writeNumberField("p90", p.p90());
    g.writeNumberField("p99", p.p99());
    g.writeNumberField("max", p.max());
    g.writeEndObject();
  }

  private static void percentileRows(List<String> rows, String section, Percentiles p) {
    rows.add(row(section, "count", p.count()));
    rows.add(row(section, "p50", p.p50()));
    rows.add(row(section, "p90", p.p90()));
    rows.add(row(section, "p99", p.p99()));
    rows.add(row(section, "max", p.max()));
  }

  /** A CSV row; a value with a comma, quote or line break is quoted (RFC 4180). */
  private static String row(String section, String name, Object value) {
    return quote(section) + "," + quote(name) + "," + quote(String.valueOf(value));
  }

  private static String quote(String field) {
    return field.matches(".*[,\"\\r\\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
