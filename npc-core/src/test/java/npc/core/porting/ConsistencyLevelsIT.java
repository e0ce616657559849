package npc.core.porting;

import static npc.core.porting.CoreFixture.CM;
import static npc.core.porting.CoreFixture.CT;
import static npc.core.porting.CoreFixture.CU;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import npc.core.carrier.CertificateFingerprint;
import npc.core.notice.Notice;
import npc.core.storage.Consistency;
import npc.core.storage.Database;
import npc.core.storage.SchemaMigrations;
import npc.core.storage.testing.TestCassandra;
import npc.core.store.CassandraCarrierCertificates;
import npc.core.store.CassandraRouteSnapshots;
import npc.core.store.CassandraRoutingCursors;
import npc.core.store.CassandraRoutingLog;
import org.junit.jupiter.api.Test;

/**
 * Every statement npc-core runs, through every store, goes at the configured level: plain reads at the read level,
 * writes at the write level, conditional writes with the serial level, and the routing log's and the schema's serial
 * reads at the serial level. The levels configured here differ from one another and from the driver's default
 * (LOCAL_ONE), so a statement that escapes them shows.
 */
class ConsistencyLevelsIT {
  private static final Consistency LEVELS = new Consistency(DefaultConsistencyLevel.QUORUM,
      DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.SERIAL);
  /** Read serially: a conditional write compares with what they return (leases), or their order matters (the log). */
  private static final Set<String> SERIAL_READS = Set.of("routing_log", "schema_version", "deadline_leases");
  private static final Pattern TABLE = Pattern.compile("(?:FROM|INTO|UPDATE)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
  /** Tables with a list that is not frozen: a write applied twice adds its elements twice. */
  private static final Set<String> LISTS = Set.of("numbers", "eligibility_queries");

  @Test
  void everyStatementOfEveryStoreRunsAtItsConfiguredLevel() {
    Levels seen = new Levels();
    Database database = Database.open(TestCassandra.freshKeyspaceSettings("levels").withConsistency(LEVELS),
        List.of(SchemaMigrations.core()), seen);
    try (CoreFixture core = new CoreFixture(database, "cn", "138", true)) {
      String completed = core.freshNumber();
      Port port = core.complete(CM, CU, completed);
      core.service.reverse(port.id(), "MIIT-2026-0001", "REGULATOR:test").value();
      core.query(CU, core.freshNumber(), SubscriberType.INDIVIDUAL);
      String mismatched = core.freshNumber();
      core.codeFor(CM, mismatched);
      core.service.submit(core.submission(CT, "wrong-code", mismatched, "000000"));
      Port cancelled = core.open(CM, CT, core.freshNumber());
      core.service.cancel(CT, cancelled.id()).value();
      core.service.port(CT, cancelled.id());

      List<Notice> notices = core.outbox.read(CM, Instant.now().minusSeconds(600), Optional.empty(), 10);
      List<UUID> ids = notices.stream().map(Notice::id).toList();
      core.outbox.pushed(CM, ids, Instant.now());
      core.outbox.acknowledge(CM, ids, Optional.of(Instant.now()));
      core.outbox.delivery(CM, ids.get(0));
      core.outbox.saveWatermark(CM, Instant.now());
      core.outbox.watermark(CM);
      CassandraRoutingLog log = new CassandraRoutingLog(database.session(), core.regime.numbers());
      log.readAfter(0, 10);
      log.head();
      CassandraRoutingCursors cursors = new CassandraRoutingCursors(database.session());
      cursors.record(CU, 1, Instant.now());
      cursors.positions();
      CassandraCarrierCertificates certificates = new CassandraCarrierCertificates(database.session());
      CertificateFingerprint fingerprint = CertificateFingerprint.of(new byte[] {1, 2, 3});
      certificates.register(CU, fingerprint, Instant.now().plusSeconds(3600), Instant.now());
      certificates.revoke(fingerprint, Instant.now());
      certificates.registerNew(CU, CertificateFingerprint.of(new byte[] {4, 5, 6}), Instant.now().plusSeconds(3600),
          Instant.now());
      certificates.all();
      new CassandraRouteSnapshots(database.session(), core.regime.numbers()).forEachRoute(route -> { });
    }

    assertThat(seen.wrong).as("statements at another level than configured").isEmpty();
    assertThat(seen.resendable).as("statements the driver may or may not send again, wrongly").isEmpty();
    assertThat(seen.tables).as("tables read or written").contains("numbers", "requests", "ports_by_id",
        "request_outcomes", "port_facts", "deadlines", "deadline_cursor", "deadline_shards", "deadline_leases",
        "deadline_instances", "published_routes", "routing_log",
        "routing_cursors", "outbox", "outbox_cursors", "eligibility_queries", "code_mismatches",
        "carrier_certificates", "schema_version", "schema_lock");
  }

  /** Records each statement's effective levels, and those that are not what the configuration says. */
  private static final class Levels implements RequestTracker {
    final Map<String, String> wrong = new TreeMap<>();
    /** Statements marked idempotent that must not be resent, or left unmarked that could be. */
    final Map<String, Boolean> resendable = new TreeMap<>();
    final Set<String> tables = new TreeSet<>();

    @Override
    public void close() {}

    @Override
    public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
        String prefix) {
      check(request, profile);
    }

    @Override
    public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
        Node node, String prefix) {
      check(request, profile);
    }

    private synchronized void check(Request request, DriverExecutionProfile profile) {
      if (!(request instanceof Statement<?> statement)) {
        return;
      }
      ConsistencyLevel level = statement.getConsistencyLevel() != null ? statement.getConsistencyLevel()
          : DefaultConsistencyLevel.valueOf(profile.getString(DefaultDriverOption.REQUEST_CONSISTENCY));
      ConsistencyLevel serial = statement.getSerialConsistencyLevel() != null
          ? statement.getSerialConsistencyLevel()
          : DefaultConsistencyLevel.valueOf(profile.getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY));
      boolean repeatable = true;
      String first = null;
      if (statement instanceof BatchStatement batch) {
        for (BatchableStatement<?> child : batch) {
          repeatable &= check(cql(child), level, serial);
          first = first == null ? cql(child) : first;
        }
      } else {
        first = cql(statement);
        repeatable = check(first, level, serial);
      }
      if (Boolean.TRUE.equals(statement.isIdempotent()) != repeatable && !schemaChange(first)) {
        resendable.put(first, statement.isIdempotent());
      }
    }

    private static boolean schemaChange(String cql) {
      return Set.of("CREATE", "ALTER", "DROP", "TRUNCATE").contains(verb(cql));
    }

    private static String verb(String cql) {
      return cql.stripLeading().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }

    /**
     * Checks the statement's levels; returns whether the driver may send it again: a read, or a plain write to a
     * table whose writes are the same applied twice.
     */
    private boolean check(String cql, ConsistencyLevel level, ConsistencyLevel serial) {
      String verb = verb(cql);
      if (schemaChange(cql)) {
        return false; // schema changes wait for schema agreement, not for a consistency level
      }
      Matcher table = TABLE.matcher(cql);
      String name = table.find() ? table.group(1).toLowerCase(Locale.ROOT) : "?";
      tables.add(name);
      boolean conditional = Pattern.compile("\\sIF\\s", Pattern.CASE_INSENSITIVE).matcher(cql).find();
      String expected;
      if (verb.equals("SELECT")) {
        expected = (SERIAL_READS.contains(name) ? LEVELS.serial() : LEVELS.read()).name();
      } else {
        expected = LEVELS.write().name() + (conditional ? "/" + LEVELS.serial().name() : "");
      }
      String actual = level.name() + (!verb.equals("SELECT") && conditional ? "/" + serial.name() : "");
      if (!actual.equals(expected)) {
        wrong.put(cql, actual + " instead of " + expected);
      }
      return verb.equals("SELECT") || !conditional && !LISTS.contains(name);
    }

    private static String cql(Statement<?> statement) {
      if (statement instanceof BoundStatement bound) {
        return bound.getPreparedStatement().getQuery();
      }
      return ((SimpleStatement) statement).getQuery();
    }
  }
}
