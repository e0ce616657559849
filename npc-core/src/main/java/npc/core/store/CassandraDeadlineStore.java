package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;

/** Deadline rows in table {@code deadlines}, partitioned by the hour they fall due. */
public final class CassandraDeadlineStore implements DeadlineStore {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement selectDue;
  private final PreparedStatement delete;

  public CassandraDeadlineStore(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO deadlines (due_hour, due_at, kind, subject, msisdn) VALUES (?, ?, ?, ?, ?)");
    selectDue = session.prepare("SELECT due_at, kind, subject, msisdn FROM deadlines WHERE due_hour = ? AND due_at <= ?");
    delete = session.prepare("DELETE FROM deadlines WHERE due_hour = ? AND due_at = ? AND kind = ? AND subject = ?");
  }

  @Override
  public void add(Deadline d) {
    session.execute(insert.bind(d.dueHour(), d.dueAt(), d.kind().name(), d.subject(), d.msisdn()));
  }

  @Override
  public List<Deadline> due(long dueHour, Instant upTo) {
    List<Deadline> due = new ArrayList<>();
    for (Row row : session.execute(selectDue.bind(dueHour, upTo))) {
      due.add(new Deadline(row.getInstant("due_at"), Deadline.Kind.valueOf(row.getString("kind")),
          row.getUuid("subject"), row.getString("msisdn")));
    }
    return due;
  }

  @Override
  public void remove(Deadline d) {
    session.execute(delete.bind(d.dueHour(), d.dueAt(), d.kind().name(), d.subject()));
  }
}
