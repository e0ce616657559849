package npc.ops.security;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.LinkedHashMap;
import java.util.Map;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierSuspensions;
import npc.core.storage.Consistency;

/**
 * The operator's suspensions in the ops schema's {@code carrier_suspensions}. A suspension is an admission rule
 * of the clearinghouse's operator, which the gateway reads through npc-core's interface. Suspending is conditional
 * (a suspended carrier keeps its first suspension's time and reason); resuming is a plain delete.
 */
public final class CassandraCarrierSuspensions implements CarrierSuspensions {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement delete;
  private final PreparedStatement selectAll;

  public CassandraCarrierSuspensions(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO carrier_suspensions (carrier_id, since, suspended_by, reason) "
        + "VALUES (?, ?, ?, ?) IF NOT EXISTS");
    delete = session.prepare("DELETE FROM carrier_suspensions WHERE carrier_id = ?");
    selectAll = session.prepare(Consistency.read("SELECT * FROM carrier_suspensions"));
  }

  @Override
  public void suspend(Suspension suspension) {
    session.execute(insert.bind(suspension.carrier().value(), suspension.since(), suspension.by(),
        suspension.reason()));
  }

  @Override
  public void resume(CarrierId carrier) {
    session.execute(delete.bind(carrier.value()));
  }

  @Override
  public Map<CarrierId, Suspension> all() {
    Map<CarrierId, Suspension> all = new LinkedHashMap<>();
    for (Row row : session.execute(selectAll.bind())) {
      CarrierId carrier = new CarrierId(row.getString("carrier_id"));
      all.put(carrier, new Suspension(carrier, row.getInstant("since"), row.getString("suspended_by"),
          row.getString("reason")));
    }
    return all;
  }
}
