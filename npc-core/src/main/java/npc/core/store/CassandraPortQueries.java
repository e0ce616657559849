package npc.core.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.port.PortState;
import npc.core.porting.NumberState;
import npc.core.porting.Port;
import npc.core.porting.PortQueries;
import npc.core.storage.Consistency;

/**
 * Reads {@code ports_by_carrier_day} (migration V010) a day partition after another, and each entry's port from
 * {@code numbers} (its state is only there: the index holds what never changes). A token is the day it stopped in
 * and the driver's paging state within that day; the driver refuses a paging state bound to other values, so a
 * token of another carrier's query is refused rather than read.
 */
public final class CassandraPortQueries implements PortQueries {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final CqlSession session;
  private final CassandraPortStore ports;
  private final PreparedStatement selectDay;

  public CassandraPortQueries(CqlSession session, NumberPlan plan) {
    this.session = session;
    this.ports = new CassandraPortStore(session, plan);
    selectDay = session.prepare(Consistency.read("SELECT port_id, msisdn, side FROM ports_by_carrier_day "
        + "WHERE carrier = ? AND day = ? AND submitted_at >= ? AND submitted_at < ?"));
  }

  @Override
  public Optional<Port> port(UUID portId) {
    return ports.port(portId);
  }

  @Override
  public List<Port> ports(Msisdn msisdn) {
    return ports.ports(msisdn);
  }

  @Override
  public NumberState number(Msisdn msisdn) {
    return ports.number(msisdn);
  }

  @Override
  public Page ports(CarrierId carrier, Optional<Side> side, Set<PortState> states, Instant from, Instant to, int size,
      Optional<String> token) {
    if (size < 1 || size > MAX_PAGE) {
      throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " ports, not " + size);
    }
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
    if (!from.isBefore(to) || first.plusDays(MAX_DAYS).isBefore(last)) {
      throw new IllegalArgumentException("a period of one millisecond to " + MAX_DAYS + " days, not " + from + " .. "
          + to);
    }
    Cursor cursor = token.map(t -> Cursor.parse(t, first, last)).orElse(new Cursor(first, null));
    List<CompletableFuture<Optional<Port>>> read = new ArrayList<>();
    LocalDate day = cursor.day();
    PagingState paging = cursor.paging();
    while (!day.isAfter(last) && read.size() < size) {
      BoundStatement statement = selectDay.bind(carrier.value(), day, from, to).setPageSize(size - read.size());
      if (paging != null) {
        statement = withPaging(statement, paging);
      }
      ResultSet rows = session.execute(statement);
      for (int i = rows.getAvailableWithoutFetching(); i > 0; i--) {
        Row row = rows.one();
        if (side.isEmpty() || side.get().name().equals(row.getString("side"))) {
          read.add(ports.portAt(row.getString("msisdn"), row.getUuid("port_id")).toCompletableFuture());
        }
      }
      paging = rows.getExecutionInfo().getSafePagingState();
      if (paging == null) {
        day = day.plusDays(1);
      } else if (read.size() >= size) {
        break;
      }
    }
    List<Port> page = new ArrayList<>();
    for (CompletableFuture<Optional<Port>> port : read) {
      port.join().filter(p -> states.isEmpty() || states.contains(p.state())).ifPresent(page::add);
    }
    Optional<String> next = day.isAfter(last) ? Optional.empty() : Optional.of(new Cursor(day, paging).token());
    return new Page(page, next);
  }

  private static BoundStatement withPaging(BoundStatement statement, PagingState paging) {
    try {
      return statement.setPagingState(paging);
    } catch (IllegalArgumentException e) {
      throw new BadToken("the page token belongs to another query", e);
    }
  }

  /** Where a page stopped: a day, and the paging state within it (none: the day's start). */
  private record Cursor(LocalDate day, PagingState paging) {
    String token() {
      byte[] state = paging == null ? new byte[0] : paging.toBytes();
      return ENCODER.encodeToString(ByteBuffer.allocate(Long.BYTES + state.length).putLong(day.toEpochDay())
          .put(state).array());
    }

    static Cursor parse(String token, LocalDate first, LocalDate last) {
      try {
        ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(token));
        LocalDate day = LocalDate.ofEpochDay(bytes.getLong());
        if (day.isBefore(first) || day.isAfter(last)) {
          throw new IllegalArgumentException("day " + day + " outside the period");
        }
        byte[] state = new byte[bytes.remaining()];
        bytes.get(state);
        return new Cursor(day, state.length == 0 ? null : PagingState.fromBytes(state));
      } catch (RuntimeException e) {
        throw new BadToken("not a page token of this query", e);
      }
    }
  }
}
