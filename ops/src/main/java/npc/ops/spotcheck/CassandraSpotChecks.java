package npc.ops.spotcheck;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import npc.core.storage.Consistency;

/**
 * Spot checks in the ops schema's {@code spot_checks} and {@code spot_checks_by_carrier} (V004): the draw and its
 * link from the carrier in one logged batch, the result as a plain update of the draw's own row (one writer: the
 * request that drew it).
 */
public final class CassandraSpotChecks implements SpotCheckStore {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement link;
  private final PreparedStatement result;
  private final PreparedStatement select;
  private final PreparedStatement byCarrier;

  public CassandraSpotChecks(CqlSession session) {
    this.session = session;
    insert = session.prepare("INSERT INTO spot_checks (spot_check_id, carrier, period_from, period_to, size, seed, "
        + "algorithm, drawn_at, drawn_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    link = session.prepare("INSERT INTO spot_checks_by_carrier (carrier, drawn_at, spot_check_id) VALUES (?, ?, ?)");
    result = session.prepare("UPDATE spot_checks SET population = ?, population_digest = ?, sample = ? "
        + "WHERE spot_check_id = ?");
    select = session.prepare(Consistency.read("SELECT * FROM spot_checks WHERE spot_check_id = ?"));
    byCarrier = session.prepare(Consistency.read(
        "SELECT spot_check_id FROM spot_checks_by_carrier WHERE carrier = ?"));
  }

  @Override
  public void seeded(SpotCheck c) {
    session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
        insert.bind(c.id(), c.carrier(), c.from(), c.to(), c.size(), c.seed(), c.algorithm(), c.drawnAt(),
            c.drawnBy()),
        link.bind(c.carrier(), c.drawnAt(), c.id())));
  }

  @Override
  public void drawn(UUID id, SpotCheck.Result r) {
    session.execute(result.bind(r.population(), r.populationDigest(), r.sample(), id));
  }

  @Override
  public Optional<SpotCheck> find(UUID id) {
    return Optional.ofNullable(session.execute(select.bind(id)).one()).map(CassandraSpotChecks::spotCheck);
  }

  @Override
  public List<SpotCheck> ofCarrier(String carrier) {
    List<SpotCheck> found = new ArrayList<>();
    for (Row row : session.execute(byCarrier.bind(carrier))) {
      find(row.getUuid("spot_check_id")).ifPresent(found::add);
    }
    return found;
  }

  private static SpotCheck spotCheck(Row row) {
    Optional<SpotCheck.Result> result = row.isNull("population") ? Optional.empty()
        : Optional.of(new SpotCheck.Result(row.getInt("population"), row.getString("population_digest"),
            row.getList("sample", String.class)));
    return new SpotCheck(row.getUuid("spot_check_id"), row.getString("carrier"), row.getInstant("period_from"),
        row.getInstant("period_to"), row.getInt("size"), row.getString("seed"), row.getString("algorithm"),
        row.getInstant("drawn_at"), row.getString("drawn_by"), result);
  }
}
