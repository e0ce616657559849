package npc.simulator.carrier;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import npc.simulator.scenario.Tactic;

/**
 * {@code truth.jsonl}: one JSON object a line for every request a tactic touched, with the carrier, the tactic, the
 * kind of request and its ids ({@code {"carrier":"CM","tactic":"false_reason","request":"port","ids":{"port":"..",
 * "msisdn":"+86.."}}}). It is the ground truth the score holds findings against, written as the run goes so that an
 * interrupted run keeps what it did. Safe to call from any thread.
 */
public final class TruthLog implements Closeable {

  private final Writer out;

  public TruthLog(Writer out) {
    this.out = out;
  }

  /**
   * Records that {@code tactic} of {@code carrier} touched a request.
   *
   * @param request the kind of request: {@code port}, {@code query}, {@code routing_ack}, {@code deactivation},
   *     {@code code_guess}
   * @param ids the request's ids by name, in the order given
   */
  public synchronized void touched(String carrier, Tactic tactic, String request, Map<String, String> ids) {
    StringBuilder b = new StringBuilder(160);
    b.append("{\"carrier\":");
    Json.string(b, carrier);
    b.append(",\"tactic\":");
    Json.string(b, tactic.id());
    b.append(",\"request\":");
    Json.string(b, request);
    b.append(",\"ids\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      Json.string(b, e.getKey());
      b.append(':');
      Json.string(b, e.getValue());
    }
    b.append("}}\n");
    try {
      out.write(b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the truth log", e);
    }
  }

  /** Writes what is buffered, so that an interrupted run keeps it. */
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
