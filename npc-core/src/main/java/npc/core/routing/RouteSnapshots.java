package npc.core.routing;

import java.util.function.Consumer;

/** A full read of the current routes, for a carrier that starts from nothing and for the in-memory table. */
public interface RouteSnapshots {
  /**
   * Passes every ported number's current route to {@code sink}, in no particular order. Not a point-in-time
   * view: read the log head before and replay the log after it.
   *
   * @return how many routes were passed
   */
  long forEachRoute(Consumer<Route> sink);
}
