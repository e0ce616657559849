package npc.core.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import npc.core.carrier.Carrier;
import npc.core.carrier.CarrierId;
import npc.core.carrier.CarrierRegistry;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;

/**
 * The routing database in memory: which carrier serves a number now. Ported numbers are in a compact
 * {@link RoutingTable}; numbers never ported (or returned) resolve to their range holder without an entry. Built
 * from a snapshot at start and kept current by replaying the routing log from the position read before it.
 */
public final class RoutingDatabase {
  private static final int PAGE = 1_000;

  private final NumberPlan plan;
  private final CarrierRegistry carriers;
  private final RoutingLog log;
  private final RoutingTable table;
  /** Written under the lock by catch-up; volatile so that readers of {@link #position} never wait for it. */
  private volatile long position;

  private RoutingDatabase(NumberPlan plan, CarrierRegistry carriers, RoutingLog log, RoutingTable table,
      long position) {
    this.plan = plan;
    this.carriers = carriers;
    this.log = log;
    this.table = table;
    this.position = position;
  }

  /**
   * Loads every route, then replays the log from the head read before the snapshot: a change made during the
   * scan is applied again in log order, so the table ends where the log is.
   */
  public static RoutingDatabase load(NumberPlan plan, CarrierRegistry carriers, RouteSnapshots snapshots,
      RoutingLog log) {
    long head = log.head();
    long[][] numbers = {new long[1 << 16]};
    int[][] indexes = {new int[1 << 16]};
    int[] count = {0};
    snapshots.forEachRoute(route -> {
      if (count[0] == numbers[0].length) {
        numbers[0] = Arrays.copyOf(numbers[0], count[0] * 2);
        indexes[0] = Arrays.copyOf(indexes[0], count[0] * 2);
      }
      numbers[0][count[0]] = route.msisdn().e164();
      indexes[0][count[0]] = carriers.indexOf(route.carrier());
      count[0]++;
    });
    RoutingTable table = RoutingTable.of(Arrays.copyOf(numbers[0], count[0]), Arrays.copyOf(indexes[0], count[0]));
    RoutingDatabase database = new RoutingDatabase(plan, carriers, log, table, head);
    database.catchUp();
    return database;
  }

  /** Applies every change logged since the last call; returns how many. Call it from one thread at a time. */
  public synchronized int catchUp() {
    int applied = 0;
    while (true) {
      List<RouteChange> page = log.readAfter(position, PAGE);
      for (RouteChange change : page) {
        apply(change);
        position = change.position();
        applied++;
      }
      if (page.size() < PAGE) {
        return applied;
      }
    }
  }

  /** Applies one change, as the log or a push from it delivers it. */
  public synchronized void apply(RouteChange change) {
    long number = change.msisdn().e164();
    if (change.carrier().isPresent()) {
      table.put(number, carriers.indexOf(change.carrier().get()));
    } else {
      table.remove(number);
    }
  }

  /** The carrier serving {@code msisdn}: its porting carrier, or its range holder; empty outside every block. */
  public Optional<CarrierId> servingCarrier(Msisdn msisdn) {
    int index = table.lookup(msisdn.e164());
    if (index != RoutingTable.NOT_PORTED) {
      return Optional.of(carriers.atIndex(index).id());
    }
    return plan.rangeOf(msisdn).map(range -> range.holder());
  }

  /**
   * The carrier serving {@code msisdn} and whether the number is ported (served by other than its range holder);
   * empty outside every block.
   */
  public Optional<Served> served(Msisdn msisdn) {
    int index = table.lookup(msisdn.e164());
    if (index != RoutingTable.NOT_PORTED) {
      return Optional.of(new Served(carriers.atIndex(index), true));
    }
    return plan.rangeOf(msisdn).flatMap(range -> carriers.find(range.holder())).map(holder -> new Served(holder, false));
  }

  /**
   * {@link #served(Msisdn)} of each number, in order, looked up together: the table's batch lookup overlaps the
   * memory waits of many numbers.
   */
  public List<Optional<Served>> served(List<Msisdn> numbers) {
    long[] keys = new long[numbers.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = numbers.get(i).e164();
    }
    int[] indexes = new int[keys.length];
    table.lookupAll(keys, 0, keys.length, indexes);
    List<Optional<Served>> served = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      served.add(indexes[i] != RoutingTable.NOT_PORTED ? Optional.of(new Served(carriers.atIndex(indexes[i]), true))
          : plan.rangeOf(numbers.get(i)).flatMap(range -> carriers.find(range.holder()))
              .map(holder -> new Served(holder, false)));
    }
    return served;
  }

  /** Who serves a number, as a lookup answers. */
  public record Served(Carrier carrier, boolean ported) {}

  /** The log position the table reflects. */
  public long position() {
    return position;
  }
}
