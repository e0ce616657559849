package npc.simulator.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import npc.gateway.client.CarrierClient;

/**
 * The lookup rate of {@code bench}: routing lookups of one number each ({@code RoutingLookupRequest}), answered per
 * second, closed loop with half the session's in-flight limit outstanding, as a carrier's call routing would ask.
 */
final class Lookups {

  private Lookups() {}

  /** Answered lookups per second over {@code phase}, of the numbers {@code number} gives for 0, 1, 2, ... */
  static double measure(CarrierClient client, LongFunction<String> number, Duration phase) throws Exception {
    int limit = Math.max(1, client.whenConnected().get(10, TimeUnit.SECONDS).maxInFlight() / 2);
    return ClosedLoop.perSecond(limit, phase, k -> client.lookUpRoutes(List.of(number.apply(k))));
  }
}
