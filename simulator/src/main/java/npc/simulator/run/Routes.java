package npc.simulator.run;

import java.time.Duration;
import java.util.Optional;
import npc.gateway.client.Route;
import npc.gateway.client.RoutingMirror;
import npc.simulator.model.Population;

/**
 * Brings the population's "serving carrier" up to date with the routing database before a run: npc may hold ports
 * of an earlier run (the same seed gives the same numbers), and a subscriber ported away must be asked for by its
 * new carrier, not its block's holder. Reads the SDK's routing mirror once it has stopped moving.
 */
final class Routes {

  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Routes() {}

  /** Waits for the mirror to settle, then records every ported number of the plan; returns how many. */
  static int sync(Population population, RoutingMirror mirror) throws InterruptedException {
    long last = -1;
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (mirror.position() != last && System.nanoTime() < deadline) {
      last = mirror.position();
      Thread.sleep(QUIET.toMillis());
    }
    if (mirror.portedNumbers() == 0) {
      return 0;
    }
    int ported = 0;
    for (int i = 0; i < population.size(); i++) {
      Optional<Route> route = mirror.carrierOf(population.msisdn(i));
      int carrier = route.map(r -> population.carriers().indexOf(r.carrier())).orElse(-1);
      if (carrier >= 0 && carrier != population.server(i)) {
        population.ported(i, carrier);
        ported++;
      }
    }
    return ported;
  }
}
