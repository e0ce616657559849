package npc.core.porting;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineShare;
import npc.core.deadline.Lease;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraDeadlineLeases;
import npc.core.store.CassandraDeadlineStore;
import npc.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances, each with its own session, stores, leases and firing, over one real node and one keyspace,
 * their rounds run at every second of one test clock as their timers would. Each deadline's effect is a
 * conditional insert of its subject, as a transition's conditional write is: the first hand-over applies, a second
 * one changes nothing and is counted as duplicate work.
 */
class DeadlineSharingIT {
  private static final Instant START = Instant.parse("2026-11-29T03:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Duration TICK = Duration.ofSeconds(1);
  /** The takeover bound the design states: a lease, a third of one until a survivor's next round, one tick. */
  private static final Duration BOUND = LEASE.plus(LEASE.dividedBy(3)).plus(TICK);

  private final MutableClock clock = new MutableClock(START);
  private final List<Database> databases = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  /** Each subject whose effect applied, with the instance that applied it and how late. */
  private final Map<UUID, Duration> lateness = new ConcurrentHashMap<>();
  private final Map<UUID, String> appliedBy = new ConcurrentHashMap<>();
  private Database database;

  @BeforeEach
  void start() {
    database = TestCassandra.freshDatabase("deadline_sharing");
    databases.add(database);
    database.session().execute("CREATE TABLE effects (subject uuid PRIMARY KEY, fired_by text)");
  }

  @AfterEach
  void stop() {
    databases.forEach(Database::close);
  }

  @Test
  void threeInstancesEachFireOnlyTheUnitsTheyHoldAndEveryDeadlineActsOnce() {
    startInstances(3);
    runFor(Duration.ofSeconds(30), instances); // they settle before anything falls due
    Map<String, Set<Integer>> settled = heldUnits();
    assertThat(settled.values()).extracting(Set::size).containsExactlyInAnyOrder(6, 6, 5);

    List<Deadline> written = writeDeadlines(300, Duration.ofSeconds(60));
    List<Deadline> legacy = writeLegacyDeadlines(20, Duration.ofSeconds(60)); // by an instance of the earlier version
    runFor(Duration.ofSeconds(90), instances);

    assertThat(heldUnits()).as("nobody took or gave up a unit").isEqualTo(settled);
    assertEveryDeadlineActedOnce(written, legacy);
    for (Instance instance : instances) {
      assertThat(instance.handedOver).as("%s fires only its units", instance.name)
          .allSatisfy(d -> assertThat(settled.get(instance.name)).contains(unitOf(d, legacy)));
      assertThat(instance.handedOver.size()).as("%s's share", instance.name).isBetween(40, 200);
    }
    assertThat(duplicates()).as("no row handed over twice when no instance stops").isZero();
  }

  @Test
  void theUnitsOfAStoppedInstanceAreTakenOverWithinTheBoundAndNoDeadlineIsLost() {
    startInstances(3);
    runFor(Duration.ofSeconds(30), instances);
    List<Deadline> written = writeDeadlines(400, Duration.ofSeconds(80));
    List<Deadline> legacy = writeLegacyDeadlines(20, Duration.ofSeconds(80));
    runFor(Duration.ofSeconds(10), instances);

    Instance stopped = instances.get(2); // stops renewing: its timer no longer runs
    Set<Integer> orphaned = stopped.firing.units();
    Instant lastRound = clock.instant();
    List<Instance> survivors = instances.subList(0, 2);
    Instant takenOver = null;
    while (clock.instant().isBefore(lastRound.plus(Duration.ofMinutes(2)))) {
      runFor(TICK, survivors);
      Set<Integer> held = new HashSet<>();
      survivors.forEach(s -> held.addAll(s.firing.units()));
      if (takenOver == null && held.containsAll(orphaned)) {
        takenOver = clock.instant();
      }
    }
    assertThat(takenOver).as("taken over").isNotNull();
    assertThat(Duration.between(lastRound, takenOver)).isLessThanOrEqualTo(BOUND);
    assertThat(survivors).extracting(s -> s.firing.units().size()).containsExactlyInAnyOrder(9, 8);

    assertEveryDeadlineActedOnce(written, legacy);
    assertThat(lateness.values()).as("no deadline fired later than the bound").allSatisfy(
        late -> assertThat(late).isLessThanOrEqualTo(BOUND));
    assertThat(stopped.handedOver).as("the stopped instance did fire before it stopped").isNotEmpty();
  }

  private void assertEveryDeadlineActedOnce(List<Deadline> written, List<Deadline> legacy) {
    Set<UUID> expected = new HashSet<>();
    written.forEach(d -> expected.add(d.subject()));
    legacy.forEach(d -> expected.add(d.subject()));
    assertThat(appliedBy.keySet()).as("every deadline acted on, once each (an effect applies once)")
        .containsExactlyInAnyOrderElementsOf(expected);
    long effects = database.session().execute("SELECT count(*) FROM effects").one().getLong(0);
    assertThat(effects).isEqualTo(expected.size());
  }

  private long duplicates() {
    return instances.stream().mapToLong(i -> i.handedOver.size()).sum() - appliedBy.size();
  }

  private static int unitOf(Deadline deadline, List<Deadline> legacy) {
    return legacy.contains(deadline) ? Lease.LEGACY : deadline.shard();
  }

  private void startInstances(int count) {
    for (int i = 0; i < count; i++) {
      Database own = TestCassandra.anotherSession(database);
      databases.add(own);
      instances.add(new Instance("instance " + (char) ('A' + i), own.session()));
    }
  }

  private void runFor(Duration duration, List<Instance> running) {
    Instant end = clock.instant().plus(duration);
    while (clock.instant().isBefore(end)) {
      clock.advance(TICK);
      running.forEach(instance -> instance.firing.fireDue());
    }
  }

  private Map<String, Set<Integer>> heldUnits() {
    Map<String, Set<Integer>> held = new HashMap<>();
    instances.forEach(instance -> held.put(instance.name, instance.firing.units()));
    return held;
  }

  private List<Deadline> writeDeadlines(int count, Duration over) {
    CassandraDeadlineStore store = new CassandraDeadlineStore(database.session());
    List<Deadline> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Deadline deadline = new Deadline(clock.instant().plus(over.multipliedBy(i).dividedBy(count)).plusMillis(1),
          Deadline.Kind.DONOR_ANSWER, UUID.randomUUID(), "+8613800138000");
      store.add(deadline);
      written.add(deadline);
    }
    return written;
  }

  /** Rows as the earlier version wrote them, in the unsharded table. */
  private List<Deadline> writeLegacyDeadlines(int count, Duration over) {
    List<Deadline> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Deadline deadline = new Deadline(clock.instant().plus(over.multipliedBy(i).dividedBy(count)).plusMillis(7),
          Deadline.Kind.CODE_EXPIRY, UUID.randomUUID(), "+8613800138000");
      database.session().execute("INSERT INTO deadlines (due_hour, due_at, kind, subject, msisdn) "
          + "VALUES (?, ?, ?, ?, ?)", deadline.dueHour(), deadline.dueAt(), deadline.kind().name(),
          deadline.subject(), deadline.msisdn());
      written.add(deadline);
    }
    return written;
  }

  /** One clearinghouse instance's deadline part: its own session, stores, leases, id and firing. */
  private final class Instance {
    final String name;
    final DeadlineFiring firing;
    final List<Deadline> handedOver = new ArrayList<>();
    private final PreparedStatement effect;
    private final CqlSession session;

    Instance(String name, CqlSession session) {
      this.name = name;
      this.session = session;
      this.effect = session.prepare("INSERT INTO effects (subject, fired_by) VALUES (?, ?) IF NOT EXISTS");
      CassandraDeadlineStore store = new CassandraDeadlineStore(session);
      DeadlineShare share = new DeadlineShare(new CassandraDeadlineLeases(session), store, UUID.randomUUID(),
          LEASE, clock);
      this.firing = new DeadlineFiring(store, share, clock, this::act);
    }

    private void act(Deadline deadline) {
      handedOver.add(deadline);
      if (session.execute(effect.bind(deadline.subject(), name)).wasApplied()) {
        assertThat(appliedBy.put(deadline.subject(), name)).as("applied twice").isNull();
        lateness.put(deadline.subject(), Duration.between(deadline.dueAt(), clock.instant()));
      }
    }
  }
}
