package npc.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import npc.audit.chain.ChainAppender;
import npc.audit.record.AuditRecord;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code npc start} wires it, on the shared test node: the audit's schema is applied with the core's,
 * the signing key is created owner-only beside the identity key, this instance's chain is opened at start and listed
 * in the heads checkpoints the service signs on its own, its rounds keep the findings of what the chain holds, and
 * on stop the chain's last entry is covered by a chain
 * checkpoint written before the database closed.
 */
class AuditWiringIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @TempDir
  Path home;

  @Test
  void aStartedServiceSignsHeadsAndCheckpointsItsChainBeforeTheDatabaseCloses() throws Exception {
    Map<String, Object> p = TestServiceProperties.on("audit_wiring", home);
    String keyspace = (String) p.get("npc.cassandra.keyspace");
    p.put("npc.audit.instance", "wiring-it");
    p.put("npc.audit.heads.interval", "1s");
    p.put("npc.audit.checkpoint.interval", "1h");
    p.put("npc.audit.findings.interval", "1s");

    String chain;
    try (ApplicationContext service = ApplicationContext.builder().deduceEnvironment(false)
        .deduceCloudEnvironment(false).properties(p).start()) {
      Database database = service.getBean(Database.class);
      ChainAppender appender = service.getBean(ChainAppender.class);
      chain = appender.chainId();
      assertThat(chain).startsWith("wiring-it-");
      Path key = home.resolve("audit-signing.key");
      assertThat(Files.size(key)).isEqualTo(32);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

      Row heads = awaitRow(database, "SELECT made_by, heads FROM audit_heads WHERE day = '"
          + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "'");
      assertThat(heads.getString("made_by")).isEqualTo("wiring-it");
      assertThat(heads.getList("heads", com.datastax.oss.driver.api.core.data.TupleValue.class))
          .extracting(t -> t.getString(0)).contains(chain);

      // What the core will do for every step: append to this instance's chain. Three refusals of one carrier with
      // a reason off the closed list are a finding, which the service's own rounds must keep.
      for (int i = 0; i < 3; i++) {
        appender.append(AuditRecord.of(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
            "REFUSED_OFF_LIST_REASON").withActor("CU").withSubject("p" + i, "1380000000" + i)
            .withReason("FAMILY_PLAN", Map.of("refusal", "REASON_NOT_ON_LIST"))).get();
      }
      Row finding = awaitRow(database, "SELECT line FROM audit_findings WHERE carrier = 'CU' "
          + "AND rule = 'OFF_LIST_REASON'");
      assertThat(finding.getString("line")).contains("\"type\":\"finding\"", "\"chain\":\"" + chain + "\"");
    }
    try (Database reopened = Database.open(TestCassandra.freshKeyspaceSettings("x")
        .withKeyspace(keyspace, npc.core.storage.Replication.simple(1)), List.of())) {
      List<Row> checkpoints = reopened.session().execute(
          "SELECT position FROM audit_checkpoints WHERE chain = '" + chain + "'").all();
      assertThat(checkpoints).as("the stop's last checkpoint covers the appended entry")
          .extracting(r -> r.getLong("position")).containsExactly(3L);
    }
  }

  private static Row awaitRow(Database database, String query) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      Row row = database.session().execute(query).one();
      if (row != null) {
        return row;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("nothing within " + WITHIN.toSeconds() + " s: " + query);
  }
}
