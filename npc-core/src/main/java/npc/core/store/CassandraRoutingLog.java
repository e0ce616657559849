package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
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
import npc.core.storage.Consistency;
import npc.core.storage.PresentValues;

/**
 * The routing log in table {@code routing_log}. Each append takes the next position with a conditional insert
 * ({@code IF NOT EXISTS}); a writer that loses a position to another instance moves on to the next. So positions
 * are dense and totally ordered however many instances write, and a position is visible only once its change is
 * written: a reader that has seen position p has seen every position before it. Reads are serial, so a reader in
 * another datacenter sees the same order.
 */
public final class CassandraRoutingLog implements RoutingLog {
  /** Positions per partition: bounded partitions, and a reader crosses a boundary rarely. */
  static final long DEFAULT_SEGMENT = 100_000;
  private static final int MAX_APPEND_ATTEMPTS = 100;
  /** Rows per conditional batch: well under Cassandra's batch size limits. */
  private static final int MAX_BATCH = 50;

  private final CqlSession session;
  private final NumberPlan plan;
  private final long segmentSize;
  private final AtomicLong knownHead = new AtomicLong();
  private final List<Pending> queue = new ArrayList<>();
  private final Object writerTurn = new Object();
  private final PreparedStatement insert;
  private final PreparedStatement selectAfter;
  private final PreparedStatement selectLast;
  private final PreparedStatement selectPublished;
  private final PreparedStatement insertPublished;

  public CassandraRoutingLog(CqlSession session, NumberPlan plan) {
    this(session, plan, DEFAULT_SEGMENT);
  }

  /** With segments of {@code segmentSize} positions; every instance on a keyspace must use the same size. */
  CassandraRoutingLog(CqlSession session, NumberPlan plan, long segmentSize) {
    this.session = session;
    this.plan = plan;
    this.segmentSize = segmentSize;
    insert = session.prepare("INSERT INTO routing_log (segment, position, msisdn, carrier, routing_number, "
        + "route_version, port_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    selectAfter = session.prepare(Consistency.serialRead("SELECT position, msisdn, carrier, routing_number, "
        + "route_version, port_id, "
        + "changed_at FROM routing_log WHERE segment = ? AND position > ? LIMIT ?"));
    selectLast = session.prepare(Consistency.serialRead(
        "SELECT position FROM routing_log WHERE segment = ? ORDER BY position DESC LIMIT 1"));
    selectPublished = session.prepare(Consistency.read(
        "SELECT position FROM published_routes WHERE port_id = ? AND route_version = ?"));
    insertPublished = session.prepare(
        "INSERT INTO published_routes (port_id, route_version, position) VALUES (?, ?, ?)");
  }

  /**
   * Group commit: a caller queues its change, and whichever caller holds the writer's turn writes every queued
   * change in one conditional batch of consecutive positions (one Paxos round for all of them). Callers of one
   * instance therefore never compete with each other for a position; instances still may, and the loser moves
   * past the head.
   */
  @Override
  public RouteChange append(RouteChange change) {
    Pending mine = new Pending(change);
    synchronized (queue) {
      queue.add(mine);
    }
    synchronized (writerTurn) {
      if (mine.written == null) {
        List<Pending> batch;
        synchronized (queue) {
          batch = new ArrayList<>(queue);
          queue.clear();
        }
        for (int from = 0; from < batch.size(); from += MAX_BATCH) {
          write(batch.subList(from, Math.min(batch.size(), from + MAX_BATCH)));
        }
      }
    }
    return mine.written;
  }

  private void write(List<Pending> batch) {
    long first = (knownHead.get() == 0 ? head() : knownHead.get()) + 1;
    int done = 0;
    int attempts = 0;
    while (done < batch.size()) {
      // A batch stays within one segment (one partition), or it could not be conditional.
      int count = (int) Math.min(batch.size() - done, segmentSize - first % segmentSize);
      List<Pending> rows = batch.subList(done, done + count);
      if (tryWrite(rows, first)) {
        for (int i = 0; i < count; i++) {
          rows.get(i).written = rows.get(i).change.atPosition(first + i);
        }
        knownHead.accumulateAndGet(first + count - 1, Math::max);
        done += count;
        first += count;
      } else if (++attempts == MAX_APPEND_ATTEMPTS) {
        throw new IllegalStateException("no free routing log position after " + attempts + " attempts");
      } else {
        first = head() + 1; // another instance took a position: move past everything written meanwhile
      }
    }
  }

  private boolean tryWrite(List<Pending> rows, long first) {
    long segment = first / segmentSize;
    BatchStatementBuilder statement = BatchStatement.builder(BatchType.LOGGED);
    for (int i = 0; i < rows.size(); i++) {
      RouteChange change = rows.get(i).change;
      statement.addStatement(PresentValues.bind(insert, segment, first + i, change.msisdn().toString(),
          change.carrier().map(CarrierId::value).orElse(null),
          change.routingNumber().map(RoutingNumber::value).orElse(null), change.version(),
          change.portId().orElse(null), change.changedAt()));
    }
    Row row = session.execute(statement.build()).one();
    return row != null && row.getBoolean("[applied]");
  }

  /** A change waiting for its position. */
  private static final class Pending {
    final RouteChange change;
    volatile RouteChange written;

    Pending(RouteChange change) {
      this.change = change;
    }
  }

  @Override
  public List<RouteChange> readAfter(long position, int limit) {
    List<RouteChange> changes = new ArrayList<>();
    long after = position;
    while (changes.size() < limit) {
      long segment = (after + 1) / segmentSize;
      int before = changes.size();
      for (Row row : session.execute(selectAfter.bind(segment, after, limit - changes.size()))) {
        changes.add(change(row));
      }
      if (changes.size() == before) {
        break;
      }
      after = changes.get(changes.size() - 1).position();
      if (after % segmentSize != segmentSize - 1 && changes.size() < limit) {
        break; // the segment had fewer rows than asked for and did not end: nothing more yet
      }
    }
    return changes;
  }

  @Override
  public long head() {
    long segment = knownHead.get() / segmentSize;
    long last = knownHead.get();
    while (true) {
      Row row = session.execute(selectLast.bind(segment)).one();
      if (row == null) {
        break;
      }
      last = Math.max(last, row.getLong("position"));
      if (last < (segment + 1) * segmentSize - 1) {
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
