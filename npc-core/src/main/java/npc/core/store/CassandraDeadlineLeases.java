package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import npc.core.storage.Consistency;
import npc.core.deadline.DeadlineLeases;
import npc.core.deadline.Lease;

/**
 * The deadline leases in {@code deadline_leases}, one partition per unit so that instances renewing different units
 * never contend for one partition's Paxos round, and the instances sharing them in {@code deadline_instances}
 * (migration V008).
 */
public final class CassandraDeadlineLeases implements DeadlineLeases {
  private static final String RING = "deadlines";
  /** An announcement's row outlives any lease, then leaves by itself. */
  static final Duration ANNOUNCEMENT_KEPT = Duration.ofHours(1);

  private final CqlSession session;
  private final PreparedStatement announce;
  private final PreparedStatement selectInstances;
  private final PreparedStatement selectLeases;
  private final PreparedStatement create;
  private final PreparedStatement take;
  private final PreparedStatement renew;
  private final PreparedStatement release;

  public CassandraDeadlineLeases(CqlSession session) {
    this.session = session;
    announce = session.prepare("INSERT INTO deadline_instances (ring, instance, live_until) VALUES (?, ?, ?) "
        + "USING TTL " + ANNOUNCEMENT_KEPT.toSeconds());
    selectInstances = session.prepare(Consistency.read(
        "SELECT instance, live_until FROM deadline_instances WHERE ring = ?"));
    // Serial: a take compares with what this read returns, so it must see any lease write in progress.
    selectLeases = session.prepare(Consistency.serialRead("SELECT unit, holder, expires_at, fired_through "
        + "FROM deadline_leases WHERE unit IN ?"));
    create = session.prepare("INSERT INTO deadline_leases (unit, holder, expires_at, fired_through) "
        + "VALUES (?, ?, ?, ?) IF NOT EXISTS");
    take = session.prepare("UPDATE deadline_leases SET holder = ?, expires_at = ? WHERE unit = ? "
        + "IF holder = ? AND expires_at = ?");
    renew = session.prepare("UPDATE deadline_leases SET expires_at = ?, fired_through = ? WHERE unit = ? "
        + "IF holder = ?");
    release = session.prepare("UPDATE deadline_leases SET holder = ?, expires_at = ?, fired_through = ? "
        + "WHERE unit = ? IF holder = ?");
  }

  @Override
  public void announce(UUID instance, Instant liveUntil) {
    session.execute(announce.bind(RING, instance, liveUntil));
  }

  @Override
  public Map<UUID, Instant> instances() {
    Map<UUID, Instant> instances = new HashMap<>();
    for (Row row : session.execute(selectInstances.bind(RING))) {
      instances.put(row.getUuid("instance"), row.getInstant("live_until"));
    }
    return instances;
  }

  @Override
  public Map<Integer, Lease> leases() {
    Map<Integer, Lease> leases = new TreeMap<>();
    for (Row row : session.execute(selectLeases.bind(Lease.UNITS))) {
      leases.put(row.getInt("unit"), new Lease(row.getInt("unit"), row.getUuid("holder"),
          row.getInstant("expires_at"), row.getInstant("fired_through")));
    }
    return leases;
  }

  @Override
  public boolean create(int unit, Instant firedThrough) {
    return session.execute(create.bind(unit, Lease.NOBODY, Instant.EPOCH, firedThrough)).wasApplied();
  }

  @Override
  public boolean take(Lease seen, UUID holder, Instant expiresAt) {
    return session.execute(take.bind(holder, expiresAt, seen.unit(), seen.holder(), seen.expiresAt())).wasApplied();
  }

  @Override
  public boolean renew(int unit, UUID holder, Instant expiresAt, Instant firedThrough) {
    return session.execute(renew.bind(expiresAt, firedThrough, unit, holder)).wasApplied();
  }

  @Override
  public boolean release(int unit, UUID holder, Instant firedThrough) {
    return session.execute(release.bind(Lease.NOBODY, Instant.EPOCH, firedThrough, unit, holder)).wasApplied();
  }
}
