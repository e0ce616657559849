package npc.ops.conduct;

import java.time.Instant;
import java.util.List;
import npc.ops.api.FindingView;

/**
 * The bad-conduct list as a page a regulator can print and publish: one section per entry, each confirmed finding
 * with its rule, severity, period, sentence, the record entries that prove it and the ports it concerns, so the
 * printed page carries its own evidence. Plain HTML with a print style: no script, nothing loaded from elsewhere.
 */
final class BadConductPage {
  private BadConductPage() {}

  static String render(List<BadConduct.Entry> entries, Instant at) {
    StringBuilder h = new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
        + "<meta charset=\"utf-8\"><title>不良名单 / Bad-conduct list</title>"
        + "<style>body{font-family:sans-serif;margin:2em}"
        + "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #999;padding:4px;"
        + "text-align:left;vertical-align:top;font-size:90%}h2{margin-top:1.5em}code{font-size:85%}"
        + "@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}}</style></head><body>\n")
        .append("<h1>不良名单 / Bad-conduct list</h1>\n<p>Carriers and channels with findings the regulator "
            + "confirmed, as of ")
        .append(esc(at.toString())).append(". Evidence: entries of the audit record (chain#position) and the ports "
            + "concerned; each finding can be recomputed from a verified export of its period.</p>\n");
    if (entries.isEmpty()) {
      h.append("<p>No confirmed findings.</p>\n");
    }
    for (BadConduct.Entry e : entries) {
      h.append("<h2>").append(esc(e.carrier().id().value())).append(" — ").append(esc(e.carrier().name()));
      e.channel().ifPresent(c -> h.append(", channel <code>").append(esc(c)).append("</code>"));
      h.append("</h2>\n<table><tr><th>Finding</th><th>Rule</th><th>Severity</th><th>Period</th><th>Finding</th>"
          + "<th>Evidence</th><th>Confirmed</th></tr>\n");
      for (Confirmation c : e.confirmations()) {
        FindingView f = c.view();
        h.append("<tr><td><code>").append(esc(f.id())).append("</code></td><td>").append(esc(f.rule()))
            .append("</td><td>").append(esc(f.severity())).append("</td><td>").append(esc(f.from())).append(" – ")
            .append(esc(f.to())).append("</td><td>").append(esc(f.summary())).append("</td><td>");
        f.evidence().forEach(r -> h.append("<code>").append(esc(r.chain() + "#" + r.position())).append("</code> "));
        h.append("<br>ports: ");
        f.subjects().forEach(s -> h.append("<code>").append(esc(s)).append("</code> "));
        h.append("</td><td>").append(esc(c.at().toString())).append(" by ").append(esc(c.by()));
        if (!c.note().isEmpty()) {
          h.append("<br>").append(esc(c.note()));
        }
        h.append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
