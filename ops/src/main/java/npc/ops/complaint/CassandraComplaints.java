package npc.ops.complaint;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.storage.Consistency;

/**
 * Complaints in the ops schema's {@code complaints} and {@code complaints_by_port} (V003): a complaint and its link
 * from the port in one logged batch, a decision by a conditional write, so that it is made once however many
 * regulators or instances try.
 */
public final class CassandraComplaints implements ComplaintStore {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement link;
  private final PreparedStatement select;
  private final PreparedStatement byPort;
  private final PreparedStatement decide;

  public CassandraComplaints(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO complaints (complaint_id, port_id, msisdn, against, about, reason, note, "
        + "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    link = session.prepare("INSERT INTO complaints_by_port (port_id, complaint_id) VALUES (?, ?)");
    select = session.prepare(Consistency.serialRead("SELECT * FROM complaints WHERE complaint_id = ?"));
    byPort = session.prepare(Consistency.read("SELECT complaint_id FROM complaints_by_port WHERE port_id = ?"));
    decide = session.prepare("UPDATE complaints SET outcome = ?, decision_note = ?, decided_at = ?, decided_by = ? "
        + "WHERE complaint_id = ? IF outcome = null");
  }

  @Override
  public void insert(Complaint c) {
    session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
        insert.bind(c.id(), c.port(), c.msisdn(), c.against(), c.about(), c.reason().orElse(null), c.note(),
            c.recordedAt(), c.recordedBy()),
        link.bind(c.port(), c.id())));
  }

  @Override
  public Optional<Complaint> find(UUID complaintId) {
    return Optional.ofNullable(session.execute(select.bind(complaintId)).one()).map(CassandraComplaints::complaint);
  }

  @Override
  public List<Complaint> ofPort(UUID portId) {
    List<Complaint> found = new ArrayList<>();
    for (Row row : session.execute(byPort.bind(portId))) {
      find(row.getUuid("complaint_id")).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public Optional<Complaint.Decision> decide(UUID complaintId, Complaint.Decision d) {
    ResultSet result = session.execute(decide.bind(d.outcome().name(), d.note(), d.at(), d.by(), complaintId));
    if (result.wasApplied()) {
      return Optional.empty();
    }
    return find(complaintId).flatMap(Complaint::decision);
  }

  private static Complaint complaint(Row row) {
    String outcome = row.getString("outcome");
    Optional<Complaint.Decision> decision = outcome == null ? Optional.empty()
        : Optional.of(new Complaint.Decision(Complaint.Outcome.valueOf(outcome), text(row, "decision_note"),
            row.getInstant("decided_at"), text(row, "decided_by")));
    return new Complaint(row.getUuid("complaint_id"), row.getUuid("port_id"), row.getString("msisdn"),
        row.getString("against"), row.getString("about"), Optional.ofNullable(row.getString("reason")),
        text(row, "note"), row.getInstant("recorded_at"), text(row, "recorded_by"), decision);
  }

  private static String text(Row row, String column) {
    String value = row.getString(column);
    return value == null ? "" : value;
  }
}
