package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
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
  private final String datacenter;
  private final CqlSession session;
  private final EmbeddedCassandra node;
  private final List<MigrationReport> migrations;

  private Database(CassandraSettings settings, String datacenter, CqlSession session, EmbeddedCassandra node,
      List<MigrationReport> migrations) {
    this.settings = settings;
    this.datacenter = datacenter;
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
    return open(settings, schemas, null);
  }

  /**
   * As {@link #open(CassandraSettings, List)}, with {@code tracker} told of every request the session makes: a test
   * uses it to see the consistency level each request ran at.
   */
  public static Database open(CassandraSettings settings, List<SchemaMigrations> schemas, RequestTracker tracker) {
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
      CqlSessionBuilder sessionBuilder = builder(settings, points, datacenter).withKeyspace(settings.keyspace());
      if (tracker != null) {
        sessionBuilder.addRequestTracker(tracker);
      }
      // Statements of a request report to its RequestWrites, so that a failure can say whether anything was written.
      session = new RecordingSession(sessionBuilder.build());
      LOG.debug("Keyspace {} ready in {} ms, session in {} ms", settings.keyspace(),
          (keyspaceReady - started) / 1_000_000, (System.nanoTime() - keyspaceReady) / 1_000_000);
      warnIfSerialIsLocalAcrossDatacenters(session, settings);
      List<MigrationReport> reports = new ArrayList<>();
      for (SchemaMigrations schema : schemas) {
        MigrationReport report = schema.apply(session);
        LOG.info("Schema {} at version {} (was {}; applied {})", report.component(), report.versionAfter(),
            report.versionBefore(), report.applied().isEmpty() ? "nothing" : report.applied());
        reports.add(report);
      }
      return new Database(settings, datacenter, session, node, reports);
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

  /**
   * Whether a quorum of the keyspace's replicas (as many as the configured levels need) is reachable now: the
   * replicas the driver sees up for every token range, and a read at the read level.
   */
  public Quorum quorum() {
    return Quorum.check(session, settings.keyspace(), datacenter, settings.consistency());
  }

  /** The levels every read and write runs at. */
  public Consistency consistency() {
    return settings.consistency();
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

  /**
   * LOCAL_SERIAL orders conditional writes among one datacenter's replicas only: instances writing in two datacenters
   * could then both open a port for one number. Said at start, where an operator looks.
   */
  private static void warnIfSerialIsLocalAcrossDatacenters(CqlSession session, CassandraSettings settings) {
    session.getMetadata().getKeyspace(settings.keyspace()).ifPresent(keyspace -> {
      List<String> datacenters = keyspace.getReplication().keySet().stream()
          .filter(key -> !key.equals("class") && !key.equals("replication_factor")).toList();
      if (datacenters.size() > 1 && !settings.consistency().serial().name().equals("SERIAL")) {
        LOG.warn("Keyspace {} is replicated to {} datacenters ({}) and conditional writes run at {}: if npc instances "
            + "write in more than one of them, set npc.cassandra.consistency.serial=SERIAL", settings.keyspace(),
            datacenters.size(), datacenters, settings.consistency().serial());
      }
    });
  }

  private static CqlSessionBuilder builder(CassandraSettings settings, List<InetSocketAddress> points,
      String datacenter) {
    Consistency levels = settings.consistency();
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        // Every request runs at an explicit level (Consistency): writes at the default profile's, reads and serial
        // reads at their profile's. Nothing is left at the driver's default, LOCAL_ONE.
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, levels.write().name())
        .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, levels.serial().name())
        .startProfile(Consistency.READ_PROFILE)
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, levels.read().name())
        .endProfile()
        .startProfile(Consistency.SERIAL_READ_PROFILE)
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, levels.serial().name())
        .endProfile()
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
