package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.function.Consumer;
import npc.core.carrier.CarrierId;
import npc.core.numbering.NumberPlan;
import npc.core.routing.Route;
import npc.core.routing.RouteSnapshots;
import npc.core.storage.Consistency;

/**
 * Reads the routes from the static columns of {@code numbers}, a page at a time: the whole table is scanned, so
 * this is for start-up and for a carrier too far behind the log, not for lookups.
 */
public final class CassandraRouteSnapshots implements RouteSnapshots {
  private static final int PAGE_SIZE = 5_000;

  private final CqlSession session;
  private final NumberPlan plan;

  public CassandraRouteSnapshots(CqlSession session, NumberPlan plan) {
    this.session = session;
    this.plan = plan;
  }

  @Override
  public long forEachRoute(Consumer<Route> sink) {
    long count = 0;
    SimpleStatement scan = Consistency.read(
        "SELECT DISTINCT msisdn, serving_carrier, route_version FROM numbers").setPageSize(PAGE_SIZE);
    for (Row row : session.execute(scan)) {
      String carrier = row.getString("serving_carrier");
      if (carrier != null) {
        sink.accept(new Route(plan.parse(row.getString("msisdn")).orElseThrow(), new CarrierId(carrier),
            row.getLong("route_version")));
        count++;
      }
    }
    return count;
  }
}
