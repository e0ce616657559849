package npc.ops.conduct;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.core.storage.Consistency;
import npc.ops.api.FindingId;
import npc.ops.api.FindingView;

/**
 * Confirmations in the ops schema's {@code finding_confirmations} (V005): a conditional insert, so that a finding is
 * confirmed once however many regulators or instances try; read back with a serial read, as rows written with a
 * conditional write are.
 */
public final class CassandraConfirmations implements ConfirmationStore {
  private final CqlSession session;
  private final JsonMapper json;
  private final PreparedStatement insert;
  private final PreparedStatement byCarrier;

  public CassandraConfirmations(CqlSession session, JsonMapper json) {
    this.session = session;
    this.json = json;
    insert = session.prepare("INSERT INTO finding_confirmations (carrier, finding, rule, channels, line, note, "
        + "confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    byCarrier = session.prepare(Consistency.serialRead("SELECT * FROM finding_confirmations WHERE carrier = ?"));
  }

  @Override
  public Optional<Confirmation> confirm(Confirmation c) {
    ResultSet result = session.execute(insert.bind(c.finding().carrier(), c.finding().toString(),
        c.finding().rule(), c.channels(), write(c.view()), c.note(), c.at(), c.by()));
    return result.wasApplied() ? Optional.empty() : Optional.of(confirmation(result.one()));
  }

  @Override
  public List<Confirmation> ofCarrier(String carrier) {
    List<Confirmation> found = new ArrayList<>();
    for (Row row : session.execute(byCarrier.bind(carrier))) {
      found.add(confirmation(row));
    }
    return found;
  }

  private Confirmation confirmation(Row row) {
    FindingId id = FindingId.parse(row.getString("finding")).orElseThrow(() -> new IllegalStateException(
        "a kept confirmation whose finding id does not parse: " + row.getString("finding")));
    return new Confirmation(id, read(row.getString("line")), row.getSet("channels", String.class),
        row.getString("note"), row.getInstant("confirmed_at"), row.getString("confirmed_by"));
  }

  private String write(FindingView view) {
    try {
      return json.writeValueAsString(view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FindingView read(String line) {
    try {
      return json.readValue(line, FindingView.class);
    } catch (IOException e) {
      throw new UncheckedIOException("a kept confirmation whose finding does not read: " + line, e);
    }
  }
}
