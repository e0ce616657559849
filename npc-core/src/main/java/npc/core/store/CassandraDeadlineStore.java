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
import java.util.Set;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import npc.core.storage.Consistency;
import npc.core.deadline.Lease;

/**
 * Deadline rows in table {@code deadline_shards}, partitioned by the hour they fall due and their shard (migration
 * V008); the rows earlier versions wrote in {@code deadlines} (V002), and the cursor they saved in
 * {@code deadline_cursor} (V004), are read as the legacy unit.
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
  private final PreparedStatement selectLegacyDue;
  private final PreparedStatement selectLegacyCursor;
  private final PreparedStatement selectAnyLegacy;

  public CassandraDeadlineStore(CqlSession session) {
    this(session, Clock.systemUTC());
  }

  /** {@code wallClock} is the clock the node's expiry runs on; a test moving its own clock leaves it alone. */
  CassandraDeadlineStore(CqlSession session, Clock wallClock) {
    this.session = session;
    this.wallClock = wallClock;
    insert = session.prepare("INSERT INTO deadline_shards (due_hour, shard, due_at, kind, subject, msisdn) "
        + "VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
    selectDue = session.prepare(Consistency.read("SELECT due_at, kind, subject, msisdn FROM deadline_shards "
        + "WHERE due_hour = ? AND shard IN ? AND due_at >= ? AND due_at <= ?"));
    selectLegacyDue = session.prepare(Consistency.read("SELECT due_at, kind, subject, msisdn FROM deadlines "
        + "WHERE due_hour = ? AND due_at >= ? AND due_at <= ?"));
    selectLegacyCursor = session.prepare(Consistency.read("SELECT fired_through FROM deadline_cursor WHERE name = ?"));
    selectAnyLegacy = session.prepare(Consistency.read("SELECT due_hour FROM deadlines LIMIT 1"));
  }

  @Override
  public void addAll(List<Deadline> deadlines) {
    List<BoundStatement> inserts = new ArrayList<>(deadlines.size());
    for (Deadline d : deadlines) {
      Duration untilDue = Duration.between(wallClock.instant(), d.dueAt());
      long ttl = KEPT_AFTER_DUE.plus(untilDue.isNegative() ? Duration.ZERO : untilDue).toSeconds();
      inserts.add(insert.bind(d.dueHour(), d.shard(), d.dueAt(), d.kind().name(), d.subject(), d.msisdn(),
          (int) ttl));
    }
    // Unlogged: each row is idempotent, and all are written before the transition that needs them; one request
    // instead of one per row.
    session.execute(inserts.size() == 1 ? inserts.get(0)
        : BatchStatement.newInstance(DefaultBatchType.UNLOGGED).addAll(inserts));
  }

  /**
   * One request for the shards' partitions of the hour (the node reads each), so that an instance spends one read a
   * round however many shards it holds.
   */
  @Override
  public List<Deadline> due(Set<Integer> units, long dueHour, Instant from, Instant upTo) {
    if (units.contains(Lease.LEGACY) && units.size() > 1) {
      throw new IllegalArgumentException("the legacy rows are read apart from the shards: " + units);
    }
    BoundStatement select = units.contains(Lease.LEGACY) ? selectLegacyDue.bind(dueHour, from, upTo)
        : selectDue.bind(dueHour, List.copyOf(units), from, upTo);
    List<Deadline> due = new ArrayList<>();
    for (Row row : session.execute(select)) {
      due.add(new Deadline(row.getInstant("due_at"), Deadline.Kind.valueOf(row.getString("kind")),
          row.getUuid("subject"), row.getString("msisdn")));
    }
    return due;
  }

  @Override
  public Optional<Instant> legacyFiredThrough() {
    Row row = session.execute(selectLegacyCursor.bind(CURSOR)).one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("fired_through"));
  }

  @Override
  public boolean legacyEmpty() {
    return session.execute(selectAnyLegacy.bind()).one() == null;
  }
}
