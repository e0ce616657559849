package npc.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.Test;

/** The database on the real shared node: keyspace, migrations, refusals. */
class DatabaseIT {

  @Test
  void openingAFreshKeyspaceAppliesEveryMigrationInOrderAndRecordsIt() {
    try (Database db = TestCassandra.freshDatabase("fresh")) {
      MigrationReport report = db.migrations().get(0);
      assertThat(report.versionBefore()).isZero();
      assertThat(report.versionAfter()).isEqualTo(SchemaMigrations.core().latestVersion());
      assertThat(report.applied()).first().isEqualTo("V001__carriers.cql");
      assertThat(SchemaMigrations.core().appliedVersions(db.session()))
          .hasSize(SchemaMigrations.core().latestVersion());
    }
  }

  @Test
  void aSecondRunAppliesNothing() {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("second_run");
    try (Database first = Database.open(settings, List.of(SchemaMigrations.core()))) {
      assertThat(first.migrations().get(0).applied()).isNotEmpty();
    }
    try (Database second = Database.open(settings, List.of(SchemaMigrations.core()))) {
      MigrationReport report = second.migrations().get(0);
      assertThat(report.applied()).isEmpty();
      assertThat(report.versionBefore()).isEqualTo(report.versionAfter());
    }
  }

  @Test
  void writesAndReadsARow() {
    try (Database db = TestCassandra.freshDatabase("row")) {
      Instant onboarded = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      db.session().execute(SimpleStatement.newInstance(
          "INSERT INTO carriers (carrier_id, name, routing_number, active, onboarded_at) VALUES (?, ?, ?, ?, ?)",
          "CM", "China Mobile", "86100", true, onboarded));
      Row row = db.session().execute(SimpleStatement.newInstance(
          "SELECT name, routing_number, active, onboarded_at FROM carriers WHERE carrier_id = ?", "CM")).one();
      assertThat(row).isNotNull();
      assertThat(row.getString("name")).isEqualTo("China Mobile");
      assertThat(row.getString("routing_number")).isEqualTo("86100");
      assertThat(row.getBoolean("active")).isTrue();
      assertThat(row.getInstant("onboarded_at")).isEqualTo(onboarded);
    }
  }

  @Test
  void aDatabaseFromTheFutureIsRefused() {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("future");
    try (Database db = Database.open(settings, List.of(SchemaMigrations.core()))) {
      db.session().execute(SimpleStatement.newInstance(
          "INSERT INTO schema_version (component, version, file_name, checksum, applied_at, applied_by) "
              + "VALUES ('npc', 999, 'V999__from_a_newer_npc.cql', 'x', toTimestamp(now()), 'newer') IF NOT EXISTS"));
    }
    assertThatThrownBy(() -> Database.open(settings, List.of(SchemaMigrations.core())))
        .isInstanceOf(SchemaTooNewException.class)
        .hasMessageContaining("schema is at version 999")
        .hasMessageContaining("knows versions up to " + SchemaMigrations.core().latestVersion());
  }

  @Test
  void aBrokenMigrationNamesTheFileAndTheErrorAndRecordsOnlyWhatCompleted() {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("broken");
    SchemaMigrations broken = SchemaMigrations.fromClasspath("sample", "npc/core/storage/sample-broken");
    assertThatThrownBy(() -> Database.open(settings, List.of(broken)))
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("sample migration V002__add_index_badly.cql failed at statement 2 of 2")
        .hasMessageContaining("no_such_column")
        .hasMessageContaining("versions up to 1 are complete");

    SchemaMigrations fixed = SchemaMigrations.fromClasspath("sample", "npc/core/storage/sample-fixed");
    try (Database db = Database.open(settings, List.of(fixed))) {
      assertThat(db.migrations().get(0).versionBefore()).isEqualTo(1);
      assertThat(db.migrations().get(0).applied()).containsExactly("V002__add_index_badly.cql");
    }
  }

  @Test
  void aMigrationEditedAfterItWasAppliedIsRefused() {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("edited");
    try (Database db = Database.open(settings,
        List.of(SchemaMigrations.fromClasspath("sample", "npc/core/storage/sample-fixed")))) {
      assertThat(db.migrations().get(0).applied()).hasSize(2);
    }
    SchemaMigrations edited = SchemaMigrations.fromClasspath("sample", "npc/core/storage/sample-edited");
    assertThatThrownBy(() -> Database.open(settings, List.of(edited)))
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageContaining("V001__create_table.cql was changed after it was applied");
  }

  @Test
  void twoInstancesMigratingAtOnceApplyEachFileOnce() throws Exception {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("race");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Database> open = () -> Database.open(settings, List.of(SchemaMigrations.core()));
      List<Future<Database>> opened = pool.invokeAll(List.of(open, open));
      List<String> applied = new ArrayList<>();
      for (Future<Database> f : opened) {
        try (Database db = f.get()) {
          applied.addAll(db.migrations().get(0).applied());
        }
      }
      assertThat(applied).doesNotHaveDuplicates().hasSize(SchemaMigrations.core().latestVersion());
    } finally {
      pool.shutdownNow();
    }
  }
}
