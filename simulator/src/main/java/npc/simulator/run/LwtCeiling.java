package npc.simulator.run;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The storage ceiling of {@code bench}: conditional writes per second (Paxos rounds) that npc's own Cassandra node
 * serves with 256 in flight, measured with the Cassandra driver straight on the node's CQL port, in a scratch
 * keyspace dropped afterwards. The mean of conditional inserts and conditional updates, as npc-core's lifecycle
 * benchmark measures it, since a port's conditional writes are of both kinds. This is the simulator's only contact
 * with Cassandra: it never reads npc's data, and measures the ceiling in the same run as the throughput it is held
 * against.
 */
final class LwtCeiling {

  private static final int IN_FLIGHT = 256;
  private static final String KEYSPACE = "npc_bench_scratch";

  private LwtCeiling() {}

  /** Conditional writes per second: the mean of {@code phase} of inserts and {@code phase} of updates. */
  static double measure(InetSocketAddress cql, Duration phase) throws InterruptedException {
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
        .build();
    try (CqlSession session = CqlSession.builder().addContactPoint(cql).withLocalDatacenter("datacenter1")
        .withConfigLoader(config).build()) {
      session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".lwt (k bigint PRIMARY KEY, v int)");
      try {
        double inserts = rate(session, session.prepare("INSERT INTO " + KEYSPACE + ".lwt (k, v) VALUES (?, 0) "
            + "IF NOT EXISTS"), phase);
        double updates = rate(session, session.prepare("UPDATE " + KEYSPACE + ".lwt SET v = 1 WHERE k = ? IF v = 0"),
            phase);
        return (inserts + updates) / 2;
      } finally {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      }
    }
  }

  private static double rate(CqlSession session, PreparedStatement statement, Duration phase)
      throws InterruptedException {
    return ClosedLoop.perSecond(IN_FLIGHT, phase, k -> session.executeAsync(statement.bind(k)));
  }
}
