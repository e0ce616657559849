package npc.gateway.server.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import npc.gateway.protocol.v1.Envelope.BodyCase;
import npc.gateway.protocol.v1.ErrorCode;

/**
 * How many requests of each type this gateway answered, by outcome: what the ops service exports as
 * {@code npc_gateway_requests_total}. Every cell exists from the start, so counting on the hot path costs one array
 * lookup and a {@link LongAdder} increment: no lock, no allocation, and the gateway needs no metrics library.
 */
public final class RequestCounts {
  /** The outcome of a request answered with its response. */
  public static final String OK = "OK";

  private static final BodyCase[] BODIES = BodyCase.values();
  private static final ErrorCode[] CODES = ErrorCode.values();
  /** Column 0 is {@link #OK}; column {@code 1 + code.ordinal()} is an error code. */
  private final LongAdder[][] counts = new LongAdder[BODIES.length][CODES.length + 1];

  public RequestCounts() {
    for (LongAdder[] row : counts) {
      for (int i = 0; i < row.length; i++) {
        row[i] = new LongAdder();
      }
    }
  }

  /** A request of type {@code body} answered with its response. */
  public void ok(BodyCase body) {
    counts[body.ordinal()][0].increment();
  }

  /** A request of type {@code body} answered with the error {@code code}. */
  public void failed(BodyCase body, ErrorCode code) {
    counts[body.ordinal()][1 + code.ordinal()].increment();
  }

  /** One type and outcome with its count. */
  public record Count(BodyCase body, String outcome, long count) {}

  /** Every type and outcome counted at least once, for an exporter (which registers each the first time it sees it). */
  public List<Count> nonZero() {
    List<Count> result = new ArrayList<>();
    for (BodyCase body : BODIES) {
      LongAdder[] row = counts[body.ordinal()];
      for (int i = 0; i < row.length; i++) {
        long n = row[i].sum();
        if (n > 0) {
          result.add(new Count(body, i == 0 ? OK : CODES[i - 1].name(), n));
        }
      }
    }
    return result;
  }

  /** The count of one type and outcome ({@link #OK} or an error code's name). */
  public long get(BodyCase body, String outcome) {
    int column = outcome.equals(OK) ? 0 : 1 + ErrorCode.valueOf(outcome).ordinal();
    return counts[body.ordinal()][column].sum();
  }
}
