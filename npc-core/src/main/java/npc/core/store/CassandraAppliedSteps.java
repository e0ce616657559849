package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.audit.AppliedSteps;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.core.storage.Consistency;

/**
 * Reads the step ids the core's writes leave on their rows (migration V009): one read per open intent, at the serial
 * level for the rows written by conditional writes, so that a write whose Paxos round is still in progress is
 * completed before it is judged.
 */
public final class CassandraAppliedSteps implements AppliedSteps {
  private final CqlSession session;
  private final PreparedStatement portSteps;
  private final PreparedStatement numberSteps;
  private final PreparedStatement querySteps;
  private final PreparedStatement rejection;
  private final PreparedStatement fact;
  private final PreparedStatement route;

  public CassandraAppliedSteps(CqlSession session) {
    this.session = session;
    portSteps = session.prepare(Consistency.serialRead(
        "SELECT audit_steps FROM numbers WHERE msisdn = ? AND port_id = ?"));
    numberSteps = session.prepare(Consistency.serialRead(
        "SELECT number_audit_steps FROM numbers WHERE msisdn = ? LIMIT 1"));
    querySteps = session.prepare(Consistency.serialRead(
        "SELECT audit_steps FROM eligibility_queries WHERE query_id = ?"));
    rejection = session.prepare(Consistency.read("SELECT code FROM request_outcomes WHERE port_id = ?"));
    fact = session.prepare(Consistency.read(
        "SELECT at FROM port_facts WHERE port_id = ? AND fact = ? AND carrier = ?"));
    route = session.prepare(Consistency.read(
        "SELECT position FROM published_routes WHERE port_id = ? AND route_version = ?"));
  }

  @Override
  public Optional<AuditStep> applied(AuditStep intended) {
    StepRow where = intended.row().orElseThrow(() -> new IllegalArgumentException("a step with no row: " + intended));
    UUID id = intended.id();
    if (where instanceof StepRow.PortRow p) {
      return holds(session.execute(portSteps.bind(p.msisdn(), p.port())).one(), id, intended);
    } else if (where instanceof StepRow.NumberRow n) {
      return holds(session.execute(numberSteps.bind(n.msisdn())).one(), id, intended);
    } else if (where instanceof StepRow.QueryRow q) {
      return holds(session.execute(querySteps.bind(q.query())).one(), id, intended);
    } else if (where instanceof StepRow.RejectionRow r) {
      return exists(session.execute(rejection.bind(r.port())).one(), intended);
    } else if (where instanceof StepRow.FactRow f) {
      return exists(session.execute(fact.bind(f.port(), f.fact(), f.carrier())).one(), intended);
    }
    StepRow.RouteRow r = (StepRow.RouteRow) where;
    return Optional.ofNullable(session.execute(route.bind(r.change(), r.version())).one())
        .map(row -> intended.with("logPosition", Long.toString(row.getLong("position"))));
  }

  private static Optional<AuditStep> holds(Row row, UUID id, AuditStep intended) {
    Set<UUID> ids = row == null ? Set.of() : row.getSet(0, UUID.class);
    return ids.contains(id) ? Optional.of(intended) : Optional.empty();
  }

  private static Optional<AuditStep> exists(Row row, AuditStep intended) {
    return row == null ? Optional.empty() : Optional.of(intended);
  }
}
