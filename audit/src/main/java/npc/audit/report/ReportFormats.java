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
 * does not exist (no ended port, no rate) is JSON {@code null} and an empty CSV value, never 0. As HTML, the CSV's rows
 * as a printable page ({@link #html}).
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
    List<String> lines = new ArrayList<>();
    lines.add("section,name,value");
    rows(r).forEach(row -> lines.add(quote(row[0]) + "," + quote(row[1]) + "," + quote(row[2])));
    return String.join("\n", lines) + "\n";
  }

  /**
   * A printable page of the report: the same rows as {@link #csv}, one table a section, with each finding's
   * sentence, for a regulator who prints it or reads it in a browser.
   */
  public static String html(CarrierReport r) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>").append(escape("npc report " + r.carrier())).append("</title><style>body{font-family:sans-serif;"
        + "margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #999;"
        + "padding:.2em .6em;text-align:left}@media print{body{margin:0}}</style></head><body>\n<h1>")
        .append(escape("Carrier " + r.carrier())).append("</h1>\n<p>").append(escape(r.from() + " to " + r.to()))
        .append(" (UTC, end exclusive)</p>\n");
    String section = null;
    for (String[] row : rows(r)) {
      if (!row[0].equals(section)) {
        page.append(section == null ? "" : "</table>\n").append("<h2>").append(escape(row[0]))
            .append("</h2>\n<table>\n");
        section = row[0];
      }
      page.append("<tr><th>").append(escape(row[1])).append("</th><td>").append(escape(row[2]))
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
    if (!r.findings().isEmpty()) {
      page.append("<h2>findings in words</h2>\n<ul>\n");
      r.findings().forEach(f -> page.append("<li>").append(escape(f.rule() + ": " + f.sentence())).append("</li>\n"));
      page.append("</ul>\n");
    }
    return page.append("</body></html>\n").toString();
  }

  /** The report's figures as (section, name, value) rows, in the order every tabular format prints them. */
  private static List<String[]> rows(CarrierReport r) {
    List<String[]> rows = new ArrayList<>();
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
    return rows;
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

  private static void percentileRows(List<String[]> rows, String section, Percentiles p) {
    rows.add(row(section, "count", p.count()));
    rows.add(row(section, "p50", p.p50()));
    rows.add(row(section, "p90", p.p90()));
    rows.add(row(section, "p99", p.p99()));
    rows.add(row(section, "max", p.max()));
  }

  private static String[] row(String section, String name, Object value) {
    return new String[] {section, name, String.valueOf(value)};
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A CSV field; one with a comma, quote or line break is quoted (RFC 4180). */
  private static String quote(String field) {
    return field.matches(".*[,\"\\r\\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
