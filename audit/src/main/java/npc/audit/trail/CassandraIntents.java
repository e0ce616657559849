package npc.audit.trail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.core.storage.Consistency;

/**
 * Intents in {@code audit_intents} (the audit schema's V002), one partition a minute, written plainly at the write
 * level and read at the read level: an intent acknowledged is seen by any instance's sweep.
 */
public final class CassandraIntents implements Intents {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement markDone;
  private final PreparedStatement select;

  public CassandraIntents(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO audit_intents (minute, step, instance, step_row, at, actor, kind, subject, "
        + "msisdn, state_before, state_after, reason, evidence, deadline, subscriber, done) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)");
    markDone = session.prepare("UPDATE audit_intents SET done = true WHERE minute = ? AND step = ?");
    select = session.prepare(Consistency.read("SELECT step, instance, step_row, at, actor, kind, subject, msisdn, "
        + "state_before, state_after, reason, evidence, deadline, subscriber, done FROM audit_intents "
        + "WHERE minute = ?"));
  }

  @Override
  public void write(Intent intent) {
    AuditStep s = intent.step();
    session.execute(insert.bind(intent.minute(), s.id(), intent.instance(),
        s.row().map(StepRow::encode).orElseThrow(), s.at(), s.actor().orElse(null), s.kind().name(),
        s.subject().orElse(null), s.msisdn().orElse(null), s.stateBefore().orElse(null), s.stateAfter().orElse(null),
        s.reason().orElse(null), s.evidence(), s.deadline().orElse(null), s.subscriber().orElse(null)));
  }

  @Override
  public void done(long minute, AuditStep step) {
    session.executeAsync(markDone.bind(minute, step.id()));
  }

  @Override
  public List<Intent> open(long minute) {
    List<Intent> open = new ArrayList<>();
    for (Row row : session.execute(select.bind(minute))) {
      if (row.getBoolean("done") || row.isNull("kind")) {
        continue;
      }
      AuditStep step = new AuditStep(row.getUuid("step"), row.getInstant("at"),
          AuditKind.valueOf(row.getString("kind")), text(row, "actor"), text(row, "subject"), text(row, "msisdn"),
          text(row, "state_before"), text(row, "state_after"), text(row, "reason"),
          new TreeMap<>(row.getMap("evidence", String.class, String.class)),
          Optional.ofNullable(row.getInstant("deadline")), text(row, "subscriber"),
          Optional.of(StepRow.decode(row.getString("step_row"))));
      open.add(new Intent(minute, row.getString("instance"), step));
    }
    return open;
  }

  private static Optional<String> text(Row row, String column) {
    return Optional.ofNullable(row.getString(column));
  }
}
