package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import npc.core.carrier.CarrierId;
import npc.core.routing.RoutingCursors;
import npc.core.storage.Consistency;

/**
 * Acknowledged positions in table {@code routing_cursors} (migration V003). A plain write: a carrier acknowledges
 * positions in increasing order on its connection, and with the write timestamps of one connection the last
 * write wins, which is the highest position.
 */
public final class CassandraRoutingCursors implements RoutingCursors {
  private final CqlSession session;
  private final PreparedStatement update;
  private final PreparedStatement selectAll;

  public CassandraRoutingCursors(CqlSession session) {
    this.session = session;
    update = session.prepare("UPDATE routing_cursors SET position = ?, acked_at = ? WHERE carrier = ?");
    selectAll = session.prepare(Consistency.read("SELECT carrier, position FROM routing_cursors"));
  }

  @Override
  public void record(CarrierId carrier, long position, Instant at) {
    session.execute(update.bind(position, at, carrier.value()));
  }

  @Override
  public Map<CarrierId, Long> positions() {
    Map<CarrierId, Long> positions = new TreeMap<>();
    for (Row row : session.execute(selectAll.bind())) {
      positions.put(new CarrierId(row.getString("carrier")), row.getLong("position"));
    }
    return positions;
  }
}
