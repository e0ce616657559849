package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import npc.cassandra.embedded.EmbeddedCassandra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * npc's database, open and at the schema version this code needs: an embedded node started for it, or an
 * external cluster; the keyspace created if absent; every component's migrations applied. Closing it closes
 * the session and stops the embedded node, if there is one.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final CassandraSettings settings;
  private final CqlSession session;
  private final EmbeddedCassandra node;
  private final List<MigrationReport> migrations;

  private Database(CassandraSettings settings, CqlSession session, EmbeddedCassandra node,
      List<MigrationReport> migrations) {
    this.settings = settings;
    this.session = session;
    this.node = node;
    this.migrations = List.copyOf(migrations);
  }

  /**
   * Opens the database described by {@code settings} and applies {@code schemas} in order.
   *
   * @throws npc.cassandra.embedded.NodeStartException when the embedded node cannot start
   * @throws SchemaMigrationException                  when the schema cannot be brought up to date
   */
  public static Database open(CassandraSettings settings, List<SchemaMigrations> schemas) {
    EmbeddedCassandra node = settings.usesEmbeddedNode() ? EmbeddedCassandra.start(settings.embedded()) : null;
    List<InetSocketAddress> points = node != null ? List.of(node.nativeAddress()) : settings.contactPoints();
    String datacenter = node != null ? node.localDatacenter() : settings.localDatacenter();
    CqlSession session = null;
    long started = System.nanoTime();
    try {
      try (CqlSession bootstrap = builder(settings, points, datacenter).build()) {
        // Every node must know the keyspace before the session below uses it on each of its connections.
        SchemaAgreement.execute(bootstrap, "CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace()
            + " WITH replication = " + settings.replication().toCql());
      }
      long keyspaceReady = System.nanoTime();
      session = builder(settings, points, datacenter).withKeyspace(settings.keyspace()).build();
      LOG.debug("Keyspace {} ready in {} ms, session in {} ms", settings.keyspace(),
          (keyspaceReady - started) / 1_000_000, (System.nanoTime() - keyspaceReady) / 1_000_000);
      List<MigrationReport> reports = new ArrayList<>();
      for (SchemaMigrations schema : schemas) {
        MigrationReport report = schema.apply(session);
        LOG.info("Schema {} at version {} (was {}; applied {})", report.component(), report.versionAfter(),
            report.versionBefore(), report.applied().isEmpty() ? "nothing" : report.applied());
        reports.add(report);
      }
      return new Database(settings, session, node, reports);
    } catch (RuntimeException e) {
      if (session != null) {
        session.close();
      }
      if (node != null) {
        node.close();
      }
      throw e;
    }
  }

  /** The session, bound to npc's keyspace. Shared and thread-safe; never close it yourself. */
  public CqlSession session() {
    return session;
  }

  public String keyspace() {
    return settings.keyspace();
  }

  /** The embedded node, when npc started one. */
  public Optional<EmbeddedCassandra> embeddedNode() {
    return Optional.ofNullable(node);
  }

  /** The CQL addresses the session was given. */
  public List<InetSocketAddress> contactPoints() {
    return node != null ? List.of(node.nativeAddress()) : settings.contactPoints();
  }

  /** What the migrations did at open. */
  public List<MigrationReport> migrations() {
    return migrations;
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }

  private static CqlSessionBuilder builder(CassandraSettings settings, List<InetSocketAddress> points,
      String datacenter) {
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
        // DDL at start waits for every node to agree on the schema; a cluster may take a while.
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, settings.requestTimeout())
        // The driver batches schema-change events for 1 s before refreshing its metadata, and a DDL statement
        // completes only after that refresh: each migration statement would cost a second. npc changes schema
        // only at start, one statement after another, so there is nothing to batch.
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
        // Only npc's keyspace matters to the driver's metadata (token-aware routing); other keyspaces of a shared
        // cluster would only slow every connect and schema change.
        .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(settings.keyspace()))
        // Netty's default quiet period makes every session close take 2 s; a closing session sends nothing more.
        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
        .build();
    return CqlSession.builder()
        .withConfigLoader(config)
        .addContactPoints(points)
        .withLocalDatacenter(datacenter);
  }
}
