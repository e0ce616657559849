package npc.gateway.server.push;

/**
 * The routing-log positions one connection has sent its carrier, as one range: what a RoutingAck on that
 * connection may name. A stream sends consecutive positions, and a carrier resubscribes after a position it holds,
 * so what a connection sent stays one range; a subscription that jumps away from it (ahead of what was sent, or a
 * snapshot past it) starts a new range, and acknowledgements of the old one are no longer taken. Not thread-safe:
 * its stream guards it.
 */
final class SentPositions {
  private boolean empty = true;
  private long first;
  private long last;

  /** Positions {@code from} to {@code to} (inclusive) are being sent: a page of updates, or a snapshot's position. */
  void add(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("an empty range of positions: " + from + ".." + to);
    }
    if (empty || from > last + 1 || to < first - 1) {
      first = from;
      last = to;
      empty = false;
    } else {
      first = Math.min(first, from);
      last = Math.max(last, to);
    }
  }

  /** Whether the connection sent this position (a snapshot's position counts, 0 for an empty log's). */
  boolean contains(long position) {
    return !empty && position >= first && position <= last;
  }

  @Override
  public String toString() {
    return empty ? "none" : first + ".." + last;
  }
}
