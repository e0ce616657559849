package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import npc.core.storage.Consistency;

/**
 * Deadline rows in table {@code deadlines}, partitioned by the hour they fall due, and the firing cursor in
 * {@code deadline_cursor} (migration V004).
 */
public final class CassandraDeadlineStore implements DeadlineStore {
  /**
   * How long a row outlives its due time: longer than any instance looks back for deadlines missed while none ran
   * (7 days), so a row expires only once nobody will read it.
   */
  static final Duration KEPT_AFTER_DUE = Duration.ofDays(8);
  private static final String CURSOR = "all";

  private final CqlSession session;
  private final Clock wallClock;
  private final PreparedStatement insert;
  private final PreparedStatement selectDue;
  private final PreparedStatement selectCursor;
  private final PreparedStatement updateCursor;

  public CassandraDeadlineStore(CqlSession session) {
    this(session, Clock.systemUTC());
  }

  /** {@code wallClock} is the clock the node's expiry runs on; a test moving its own clock leaves it alone. */
  CassandraDeadlineStore(CqlSession session, Clock wallClock) {
    this.session = session;
    this.wallClock = wallClock;
    insert = session.prepare("INSERT INTO deadlines (due_hour, due_at, kind, subject, msisdn) VALUES (?, ?, ?, ?, ?) "
        + "USING TTL ?");
    selectDue = session.prepare(Consistency.read("SELECT due_at, kind, subject, msisdn FROM deadlines "
        + "WHERE due_hour = ? AND due_at >= ? AND due_at <= ?"));
    selectCursor = session.prepare(Consistency.read("SELECT fired_through FROM deadline_cursor WHERE name = ?"));
    updateCursor = session.prepare("UPDATE deadline_cursor SET fired_through = ?, updated_at = ? WHERE name = ?");
  }

  @Override
  public void addAll(List<Deadline> deadlines) {
    List<BoundStatement> inserts = new ArrayList<>(deadlines.size());
    for (Deadline d : deadlines) {
      Duration untilDue = Duration.between(wallClock.instant(), d.dueAt());
      long ttl = KEPT_AFTER_DUE.plus(untilDue.isNegative() ? Duration.ZERO : untilDue).toSeconds();
      inserts.add(insert.bind(d.dueHour(), d.dueAt(), d.kind().name(), d.subject(), d.msisdn(), (int) ttl));
    }
    // Unlogged: each row is idempotent, and all are written before the transition that needs them; one request
    // instead of one per row.
    session.execute(inserts.size() == 1 ? inserts.get(0)
        : BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(inserts));
  }

  @Override
  public List<Deadline> due(long dueHour, Instant from, Instant upTo) {
    List<Deadline> due = new ArrayList<>();
    for (Row row : session.execute(selectDue.bind(dueHour, from, upTo))) {
      due.add(new Deadline(row.getInstant("due_at"), Deadline.Kind.valueOf(row.getString("kind")),
          row.getUuid("subject"), row.getString("msisdn")));
    }
    return due;
  }

  @Override
  public Optional<Instant> firedThrough() {
    Row row = session.execute(selectCursor.bind(CURSOR)).one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("fired_through"));
  }

  @Override
  public void recordFiredThrough(Instant through) {
    session.execute(updateCursor.bind(through, wallClock.instant(), CURSOR));
  }
}
