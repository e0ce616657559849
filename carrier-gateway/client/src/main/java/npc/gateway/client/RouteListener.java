package npc.gateway.client;

import java.util.Optional;

/**
 * Hears the changes the {@link RoutingMirror} applies, in position order, on the executor given with it. The
 * mirror already holds a change when its listener hears it, and the client may have acknowledged it: a listener
 * that programs the carrier's own network should make that step idempotent and may look the mirror up again.
 */
public interface RouteListener {
  /**
   * A number's route changed at {@code position} of the routing log.
   *
   * @param route the new route, or empty when the number went back to its range holder (it is no longer ported)
   */
  default void onRouteChanged(String msisdn, Optional<Route> route, long position) {}

  /** The mirror's contents were replaced by a snapshot of {@code portedNumbers} numbers as of {@code position}. */
  default void onSnapshotLoaded(long position, int portedNumbers) {}
}
