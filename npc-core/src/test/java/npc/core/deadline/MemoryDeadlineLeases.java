package npc.core.deadline;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Leases in memory, applied as the conditional writes of the Cassandra store apply them. */
public final class MemoryDeadlineLeases implements DeadlineLeases {
  public final Map<Integer, Lease> rows = new TreeMap<>();
  public final Map<UUID, Instant> announced = new HashMap<>();
  /** A unit whose next take applies and then throws, as a timed-out conditional write whose outcome is unknown. */
  public Integer loseTheAnswerOfATakeOf;

  @Override
  public synchronized void announce(UUID instance, Instant liveUntil) {
    announced.put(instance, liveUntil);
  }

  @Override
  public synchronized Map<UUID, Instant> instances() {
    return Map.copyOf(announced);
  }

  @Override
  public synchronized Map<Integer, Lease> leases() {
    return new TreeMap<>(rows);
  }

  @Override
  public synchronized boolean create(int unit, Instant firedThrough) {
    return rows.putIfAbsent(unit, Lease.free(unit, firedThrough)) == null;
  }

  @Override
  public synchronized boolean take(Lease seen, UUID holder, Instant expiresAt) {
    Lease row = rows.get(seen.unit());
    if (row == null || !row.holder().equals(seen.holder()) || !row.expiresAt().equals(seen.expiresAt())) {
      return false;
    }
    rows.put(seen.unit(), new Lease(seen.unit(), holder, expiresAt, row.firedThrough()));
    if (Integer.valueOf(seen.unit()).equals(loseTheAnswerOfATakeOf)) {
      loseTheAnswerOfATakeOf = null;
      throw new IllegalStateException("timed out: the outcome is unknown");
    }
    return true;
  }

  @Override
  public synchronized boolean renew(int unit, UUID holder, Instant expiresAt, Instant firedThrough) {
    Lease row = rows.get(unit);
    if (row == null || !row.holder().equals(holder)) {
      return false;
    }
    rows.put(unit, new Lease(unit, holder, expiresAt, firedThrough));
    return true;
  }

  @Override
  public synchronized boolean release(int unit, UUID holder, Instant firedThrough) {
    Lease row = rows.get(unit);
    if (row == null || !row.holder().equals(holder)) {
      return false;
    }
    rows.put(unit, Lease.free(unit, firedThrough));
    return true;
  }
}
