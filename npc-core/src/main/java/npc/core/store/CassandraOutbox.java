package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import npc.core.carrier.CarrierId;
import npc.core.notice.Notice;
import npc.core.notice.Outbox;
import npc.core.port.PortState;
import npc.core.storage.Consistency;
import npc.core.storage.PresentValues;

/**
 * The outbox in tables {@code outbox} and {@code outbox_cursors} (migration V003): one partition per carrier and
 * hour, so that a partition stays small and a carrier that was away reads one partition per hour it missed.
 */
public final class CassandraOutbox implements Outbox {
  private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final CqlSession session;
  private final Clock clock;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement ack;
  private final PreparedStatement ackAt;
  private final PreparedStatement pushedAt;
  private final PreparedStatement selectDelivery;
  private final PreparedStatement told;
  private final PreparedStatement selectTold;
  private final PreparedStatement selectWatermark;
  private final PreparedStatement saveWatermark;

  /** {@code clock} only bounds reads; ids are stamped by the system clock, as time uuids must be. */
  public CassandraOutbox(CqlSession session, Clock clock) {
    this.session = session;
    this.clock = clock;
    insert = session.prepare("INSERT INTO outbox (carrier, hour, id, kind, subject, msisdn, port_state) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)");
    select = session.prepare(Consistency.read("SELECT id, kind, subject, msisdn, port_state, acked FROM outbox "
        + "WHERE carrier = ? AND hour = ? AND id > ? LIMIT ?"));
    ack = session.prepare("UPDATE outbox SET acked = true WHERE carrier = ? AND hour = ? AND id = ?");
    // The earliest time wins whoever writes last: a write's timestamp falls as the time it records grows.
    ackAt = session.prepare("UPDATE outbox USING TIMESTAMP ? SET acked = true, acked_at = ? "
        + "WHERE carrier = ? AND hour = ? AND id = ?");
    pushedAt = session.prepare("UPDATE outbox USING TIMESTAMP ? SET first_pushed_at = ? "
        + "WHERE carrier = ? AND hour = ? AND id = ?");
    selectDelivery = session.prepare(Consistency.read("SELECT first_pushed_at, acked_at, kind FROM outbox "
        + "WHERE carrier = ? AND hour = ? AND id = ?"));
    told = session.prepare("UPDATE notices_told USING TIMESTAMP ? SET told_at = ? WHERE carrier = ? AND subject = ?");
    selectTold = session.prepare(Consistency.read(
        "SELECT told_at FROM notices_told WHERE carrier = ? AND subject = ?"));
    selectWatermark = session.prepare(Consistency.read("SELECT watermark FROM outbox_cursors WHERE carrier = ?"));
    saveWatermark = session.prepare("UPDATE outbox_cursors SET watermark = ?, updated_at = ? WHERE carrier = ?");
  }

  @Override
  public void enqueue(Notice.Kind kind, UUID subject, String msisdn, Optional<PortState> portState,
      Collection<CarrierId> to) {
    List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>(to.size());
    for (CarrierId carrier : to.stream().distinct().toList()) {
      UUID id = Uuids.timeBased();
      writes.add(session.executeAsync(PresentValues.bind(insert, carrier.value(), hour(Uuids.unixTimestamp(id)), id,
          kind.name(), subject, msisdn, portState.map(PortState::name).orElse(null))));
    }
    awaitAll(writes);
  }

  @Override
  public List<Notice> read(CarrierId carrier, Instant from, Optional<UUID> after, int limit) {
    List<Notice> notices = new ArrayList<>();
    long lastHour = hour(clock.millis());
    // The smallest time uuid of a millisecond is below every id stamped in it.
    UUID bound = after.orElseGet(() -> Uuids.startOf(from.toEpochMilli()));
    for (long hour = hour(Uuids.unixTimestamp(bound)); hour <= lastHour && notices.size() < limit; hour++) {
      UUID cursor = bound;
      int asked;
      int rows;
      do { // done rows count against LIMIT too: read on until the hour has no more
        asked = limit - notices.size();
        rows = 0;
        for (Row row : session.execute(select.bind(carrier.value(), hour, cursor, asked))) {
          rows++;
          cursor = row.getUuid("id");
          String kind = row.getString("kind");
          if (!row.getBoolean("acked") && kind != null) { // else done, or an acknowledgement of an expired notice
            notices.add(new Notice(cursor, carrier, Notice.Kind.valueOf(kind), row.getUuid("subject"),
                row.getString("msisdn"), Optional.ofNullable(row.getString("port_state")).map(PortState::valueOf),
                Instant.ofEpochMilli(Uuids.unixTimestamp(cursor))));
          }
        }
      } while (rows == asked && notices.size() < limit);
    }
    return notices;
  }

  @Override
  public void acknowledge(CarrierId carrier, Collection<UUID> ids, Optional<Instant> acknowledgedAt) {
    List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      long hour = hour(Uuids.unixTimestamp(id));
      writes.add(session.executeAsync(acknowledgedAt.isEmpty() ? ack.bind(carrier.value(), hour, id)
          : ackAt.bind(earliestWins(acknowledgedAt.get()), acknowledgedAt.get(), carrier.value(), hour, id)));
    }
    awaitAll(writes);
  }

  @Override
  public void pushed(CarrierId carrier, Collection<UUID> ids, Instant at) {
    List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      writes.add(session.executeAsync(pushedAt.bind(earliestWins(at), at, carrier.value(),
          hour(Uuids.unixTimestamp(id)), id)));
    }
    awaitAll(writes);
  }

  @Override
  public void told(CarrierId carrier, Collection<UUID> subjects, Instant at) {
    List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>(subjects.size());
    for (UUID subject : subjects) {
      writes.add(session.executeAsync(told.bind(earliestWins(at), at, carrier.value(), subject)));
    }
    awaitAll(writes);
  }

  @Override
  public Optional<Instant> toldAt(CarrierId carrier, UUID subject) {
    Row row = session.execute(selectTold.bind(carrier.value(), subject)).one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("told_at"));
  }

  @Override
  public Optional<Delivery> delivery(CarrierId carrier, UUID id) {
    Row row = session.execute(selectDelivery.bind(carrier.value(), hour(Uuids.unixTimestamp(id)), id)).one();
    if (row == null || row.isNull("kind")) {
      return Optional.empty();
    }
    return Optional.of(new Delivery(Optional.ofNullable(row.getInstant("first_pushed_at")),
        Optional.ofNullable(row.getInstant("acked_at"))));
  }

  /**
   * A write timestamp that is larger the earlier {@code at} is, so that of several writes of a first time the
   * earliest time stays. Far above the timestamps of ordinary writes (microseconds since 1970), so an acknowledgement
   * written this way also stays done; cells so written are never overwritten by ordinary writes, which is what a
   * time recorded once must be.
   */
  static long earliestWins(Instant at) {
    return Long.MAX_VALUE / 2 - TimeUnit.MILLISECONDS.toMicros(at.toEpochMilli());
  }

  @Override
  public Optional<Instant> watermark(CarrierId carrier) {
    return Optional.ofNullable(session.execute(selectWatermark.bind(carrier.value())).one())
        .map(row -> row.getInstant("watermark"));
  }

  @Override
  public void saveWatermark(CarrierId carrier, Instant watermark) {
    session.execute(saveWatermark.bind(watermark, clock.instant(), carrier.value()));
  }

  private static long hour(long epochMillis) {
    return Math.floorDiv(epochMillis, HOUR_MILLIS);
  }

  private static void awaitAll(List<CompletionStage<AsyncResultSet>> writes) {
    try {
      CompletableFuture.allOf(writes.stream().map(CompletionStage::toCompletableFuture)
          .toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e; // the driver's own exception, as sync calls throw
    }
  }
}
