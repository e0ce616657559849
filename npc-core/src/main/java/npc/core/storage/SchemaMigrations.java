package npc.core.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned schema of one component (npc-core's tables, later the audit's), applied in order at start.
 *
 * <p>The files live in a classpath directory with an {@code index} file that lists them in order. Each applied
 * file is recorded in {@code schema_version} with its checksum; a second run applies nothing. A database that
 * records a version this code does not have is refused ({@link SchemaTooNewException}), and so is an applied
 * file whose text has changed since. One instance migrates at a time: it holds a lease row in
 * {@code schema_lock} taken with a conditional insert.
 *
 * <p>A file is recorded only after all its statements succeeded, so a broken file leaves the table saying
 * exactly which versions are complete. On a cluster, each statement returns only once every live node holds
 * its change ({@link SchemaAgreement}), so that the next one, or the lease on {@code schema_lock} right after
 * the table's creation, finds it on whichever node it reaches.
 */
public final class SchemaMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration LOCK_WAIT = Duration.ofSeconds(120);
  private static final String BOOKKEEPING = """
      CREATE TABLE IF NOT EXISTS schema_version (
        component text,
        version int,
        file_name text,
        checksum text,
        applied_at timestamp,
        applied_by text,
        PRIMARY KEY (component, version)
      ) WITH CLUSTERING ORDER BY (version DESC);
      CREATE TABLE IF NOT EXISTS schema_lock (
        component text PRIMARY KEY,
        owner text,
        acquired_at timestamp
      );
      """;

  private final String component;
  private final List<Migration> migrations;

  SchemaMigrations(String component, List<Migration> migrations) {
    this.component = Objects.requireNonNull(component, "component");
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      Migration m = this.migrations.get(i);
      if (m.version() != i + 1) {
        throw new IllegalArgumentException(component + " migrations must be numbered 1, 2, 3... in index order; "
            + "found " + m.fileName() + " at position " + (i + 1));
      }
    }
  }

  /** npc-core's own tables. */
  public static SchemaMigrations core() {
    return fromClasspath("npc", "npc/core/storage/migrations");
  }

  /**
   * Loads the files listed, one per line, in {@code <directory>/index}; blank lines and {@code #} comments are
   * ignored.
   */
  public static SchemaMigrations fromClasspath(String component, String directory) {
    ClassLoader loader = SchemaMigrations.class.getClassLoader();
    String index = read(loader, directory + "/index");
    List<Migration> migrations = new ArrayList<>();
    for (String line : index.split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        migrations.add(Migration.of(name, read(loader, directory + "/" + name)));
      }
    }
    return new SchemaMigrations(component, migrations);
  }

  public String component() {
    return component;
  }

  /** The highest version this code knows. */
  public int latestVersion() {
    return migrations.size();
  }

  /**
   * Brings the schema of the session's keyspace up to {@link #latestVersion()}.
   *
   * @throws SchemaTooNewException      when the database is ahead of this code
   * @throws SchemaMigrationException   when a file fails (naming it and the CQL error), when an applied file
   *                                    has changed, or when another instance holds the lock too long
   */
  public MigrationReport apply(CqlSession session) {
    for (String statement : CqlScript.statements(BOOKKEEPING)) {
      SchemaAgreement.execute(session, statement);
    }
    String owner = ownerName();
    acquireLock(session, owner);
    try {
      return applyLocked(session, owner);
    } finally {
      session.execute(SimpleStatement.newInstance(
          "DELETE FROM schema_lock WHERE component = ? IF owner = ?", component, owner));
    }
  }

  /** The versions recorded in the database, with their checksums. */
  public Map<Integer, String> appliedVersions(CqlSession session) {
    ResultSet rows = session.execute(SimpleStatement.newInstance(
            "SELECT version, checksum FROM schema_version WHERE component = ?", component)
        .setExecutionProfileName(Consistency.SERIAL_READ_PROFILE));
    Map<Integer, String> applied = new HashMap<>();
    for (Row row : rows) {
      applied.put(row.getInt("version"), row.getString("checksum"));
    }
    return applied;
  }

  private MigrationReport applyLocked(CqlSession session, String owner) {
    Map<Integer, String> applied = appliedVersions(session);
    int before = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (before > latestVersion()) {
      throw new SchemaTooNewException(component, before, latestVersion());
    }
    List<String> done = new ArrayList<>();
    for (Migration migration : migrations) {
      String recorded = applied.get(migration.version());
      if (recorded != null) {
        if (!recorded.equals(migration.checksum())) {
          throw new SchemaMigrationException(component + " migration " + migration.fileName()
              + " was changed after it was applied (checksum in the database " + recorded + ", in this code "
              + migration.checksum() + "): never edit an applied migration, add a new one");
        }
        continue;
      }
      run(session, migration);
      session.execute(SimpleStatement.newInstance(
          "INSERT INTO schema_version (component, version, file_name, checksum, applied_at, applied_by) "
              + "VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS",
          component, migration.version(), migration.fileName(), migration.checksum(), Instant.now(), owner));
      LOG.info("Applied {} migration {}", component, migration.fileName());
      done.add(migration.fileName());
    }
    return new MigrationReport(component, before, latestVersion(), done);
  }

  private void run(CqlSession session, Migration migration) {
    List<String> statements;
    try {
      statements = migration.statements();
    } catch (IllegalArgumentException e) {
      throw new SchemaMigrationException(component + " migration " + migration.fileName() + " cannot be read as "
          + "CQL: " + e.getMessage(), e);
    }
    for (int i = 0; i < statements.size(); i++) {
      try {
        // Each statement may use what the one before created: it must find it on whichever node it reaches.
        SchemaAgreement.execute(session, statements.get(i));
      } catch (RuntimeException e) {
        throw new SchemaMigrationException(component + " migration " + migration.fileName() + " failed at "
            + "statement " + (i + 1) + " of " + statements.size() + ": " + e.getMessage()
            + "; versions up to " + (migration.version() - 1) + " are complete", e);
      }
    }
  }

  private void acquireLock(CqlSession session, String owner) {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    while (true) {
      Row row = session.execute(SimpleStatement.newInstance(
          "INSERT INTO schema_lock (component, owner, acquired_at) VALUES (?, ?, ?) IF NOT EXISTS USING TTL "
              + LEASE.toSeconds(), component, owner, Instant.now())).one();
      if (row != null && row.getBoolean("[applied]")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        String holder = row == null ? "unknown" : row.getString("owner");
        throw new SchemaMigrationException("another instance (" + holder + ") has been migrating the "
            + component + " schema for more than " + LOCK_WAIT.toSeconds() + " s; its lease expires within "
            + LEASE.toMinutes() + " min");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaMigrationException("interrupted while waiting for the schema lock", e);
      }
    }
  }

  private static String ownerName() {
    // "pid@host", plus a random part so that two runs in one JVM never share a lease.
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
