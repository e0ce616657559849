package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;

/**
 * The ports a carrier took part in over a period, read page by page: what a regulator inspects and a carrier
 * reconciles. Reads only; the lifecycle never depends on it.
 */
public interface PortQueries {
  /** The longest period one query may span, so that a token never walks an unbounded number of days. */
  int MAX_DAYS = 366;
  /** The largest page. */
  int MAX_PAGE = 1_000;

  /** The port {@code portId}, if it opened. */
  Optional<Port> port(UUID portId);

  /** Every port of a number, oldest first. */
  List<Port> ports(Msisdn msisdn);

  /** The number's current state: its open port, the carrier serving it and the version of its route. */
  NumberState number(Msisdn msisdn);

  /**
   * The ports submitted in {@code [from, to)} of which {@code carrier} is donor or recipient (as {@code side} says,
   * both when empty) and whose state is in {@code states} (any when empty), in submission order. A page holds at
   * most {@code size} ports and may hold fewer, even none, while {@link Page#next} is present: the filters apply to
   * the rows read, not to how many are read.
   *
   * @param token {@link Page#next} of the previous page of the same query; empty for the first
   * @throws BadToken when {@code token} is not one of this query's
   */
  Page ports(CarrierId carrier, Optional<Side> side, Set<PortState> states, Instant from, Instant to, int size,
      Optional<String> token);

  /** Which of a port's carriers the queried carrier is. */
  enum Side { DONOR, RECIPIENT }

  /** One page, and the opaque token of the next while there may be more. */
  record Page(List<Port> ports, Optional<String> next) {
    public Page {
      ports = List.copyOf(ports);
    }
  }

  /** A page token that is not one this query handed out (another query's, edited, or not a token at all). */
  final class BadToken extends RuntimeException {
    public BadToken(String detail, Throwable cause) {
      super(detail, cause);
    }
  }
}
