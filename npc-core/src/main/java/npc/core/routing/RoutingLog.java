package npc.core.routing;

import java.util.List;
import java.util.UUID;

/**
 * The routing change log shared by every carrier: one totally ordered sequence of route changes. Carriers read
 * from a position they acknowledged; a change is written once, not once per carrier.
 */
public interface RoutingLog {
  /**
   * Appends a change at the next free position and returns it with that position. Concurrent appends from any
   * number of instances get distinct, consecutive positions.
   */
  RouteChange append(RouteChange change);

  /** Up to {@code limit} changes after {@code position}, in order. */
  List<RouteChange> readAfter(long position, int limit);

  /** The last position taken, or 0 for an empty log. */
  long head();

  /** Whether the route change of {@code portId} at {@code version} is in the log already. */
  boolean isPublished(UUID portId, long version);

  /** Notes that the route change of {@code portId} at {@code version} is at {@code position}. */
  void markPublished(UUID portId, long version, long position);
}
