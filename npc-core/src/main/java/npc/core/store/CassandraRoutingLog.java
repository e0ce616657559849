package npc.core.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import npc.core.carrier.CarrierId;
import npc.core.carrier.RoutingNumber;
import npc.core.numbering.NumberPlan;
import npc.core.routing.RouteChange;
import npc.core.routing.RoutingLog;

/**
 * The routing log in table {@code routing_log}. Each append takes the next position with a conditional insert
 * ({@code IF NOT EXISTS}); a writer that loses a position to another instance moves on to the next. So positions
 * are dense and totally ordered however many instances write, and a position is visible only once its change is
 * written: a reader that has seen position p has seen every position before it. Reads are serial, so a reader in
 * another datacenter sees the same order.
 */
public final class CassandraRoutingLog implements RoutingLog {
  /** Positions per partition: bounded partitions, and a reader crosses a boundary rarely. */
  static final long SEGMENT = 100_000;
  private static final int MAX_APPEND_ATTEMPTS = 100;

  private final CqlSession session;
  private final NumberPlan plan;
  private final AtomicLong knownHead = new AtomicLong();
  private final PreparedStatement insert;
  private final PreparedStatement selectAfter;
  private final PreparedStatement selectLast;
  private final PreparedStatement selectPublished;
  private final PreparedStatement insertPublished;

  public CassandraRoutingLog(CqlSession session, NumberPlan plan) {
    this.session = session;
    this.plan = plan;
    insert = session.prepare("INSERT INTO routing_log (segment, position, msisdn, carrier, routing_number, "
        + "route_version, port_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    selectAfter = session.prepare("SELECT position, msisdn, carrier, routing_number, route_version, port_id, "
        + "changed_at FROM routing_log WHERE segment = ? AND position > ? LIMIT ?");
    selectLast = session.prepare("SELECT position FROM routing_log WHERE segment = ? ORDER BY position DESC LIMIT 1");
    selectPublished = session.prepare("SELECT position FROM published_routes WHERE port_id = ? AND route_version = ?");
    insertPublished = session.prepare(
        "INSERT INTO published_routes (port_id, route_version, position) VALUES (?, ?, ?)");
  }

  @Override
  public RouteChange append(RouteChange change) {
    // Usually this instance knows the head; when another instance has appended since, the first attempt fails
    // and one read of the head jumps past everything written meanwhile.
    long position = (knownHead.get() == 0 ? head() : knownHead.get()) + 1;
    for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      Row row = session.execute(insert.bind(position / SEGMENT, position, change.msisdn().toString(),
          change.carrier().map(CarrierId::value).orElse(null),
          change.routingNumber().map(RoutingNumber::value).orElse(null), change.version(),
          change.portId().orElse(null), change.changedAt())).one();
      if (row != null && row.getBoolean("[applied]")) {
        knownHead.accumulateAndGet(position, Math::max);
        return change.atPosition(position);
      }
      knownHead.accumulateAndGet(position, Math::max);
      position = head() + 1;
    }
    throw new IllegalStateException("no free routing log position after " + MAX_APPEND_ATTEMPTS + " attempts");
  }

  @Override
  public List<RouteChange> readAfter(long position, int limit) {
    List<RouteChange> changes = new ArrayList<>();
    long after = position;
    while (changes.size() < limit) {
      long segment = (after + 1) / SEGMENT;
      int before = changes.size();
      for (Row row : session.execute(selectAfter.bind(segment, after, limit - changes.size())
          .setConsistencyLevel(ConsistencyLevel.SERIAL))) {
        changes.add(change(row));
      }
      if (changes.size() == before) {
        break;
      }
      after = changes.get(changes.size() - 1).position();
      if (after % SEGMENT != SEGMENT - 1 && changes.size() < limit) {
        break; // the segment had fewer rows than asked for and did not end: nothing more yet
      }
    }
    return changes;
  }

  @Override
  public long head() {
    long segment = knownHead.get() / SEGMENT;
    long last = knownHead.get();
    while (true) {
      Row row = session.execute(selectLast.bind(segment).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
      if (row == null) {
        break;
      }
      last = Math.max(last, row.getLong("position"));
      if (last < (segment + 1) * SEGMENT - 1) {
        break;
      }
      segment++;
    }
    long known = last;
    return knownHead.accumulateAndGet(known, Math::max);
  }

  @Override
  public boolean isPublished(UUID portId, long version) {
    return session.execute(selectPublished.bind(portId, version)).one() != null;
  }

  @Override
  public void markPublished(UUID portId, long version, long position) {
    session.execute(insertPublished.bind(portId, version, position));
  }

  private RouteChange change(Row row) {
    return new RouteChange(row.getLong("position"),
        plan.parse(row.getString("msisdn")).orElseThrow(
            () -> new IllegalStateException("routing log holds a number outside the plan: " + row.getString("msisdn"))),
        Optional.ofNullable(row.getString("carrier")).map(CarrierId::new),
        Optional.ofNullable(row.getString("routing_number")).map(RoutingNumber::new), row.getLong("route_version"),
        Optional.ofNullable(row.getUuid("port_id")), row.getInstant("changed_at"));
  }
}
