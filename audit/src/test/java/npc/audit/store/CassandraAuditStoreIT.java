package npc.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.chain.HeadsCheckpointer;
import npc.audit.export.AuditExporter;
import npc.audit.export.AuditVerifier;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The record on a real node: two instances append concurrently, each to its own chain, with plain writes; the
 * chains are checkpointed and covered by a heads checkpoint; the export of the stored record verifies; a row
 * changed in the database is named by the verifier at its position.
 */
class CassandraAuditStoreIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  private Database database;

  @BeforeEach
  void open() {
    CassandraSettings settings = TestCassandra.freshKeyspaceSettings("audit_store");
    database = Database.open(settings, List.of(AuditSchema.migrations()));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void twoInstancesAppendConcurrentlyAndTheExportOfWhatTheyStoredVerifies() throws Exception {
    AuditSigner signer = SampleExport.signer();
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    CheckpointPolicy policy = new CheckpointPolicy(100, Duration.ofHours(1));
    ChainAppender first = ChainAppender.open("node1", store, signer, clock, policy, 64);
    ChainAppender second = ChainAppender.open("node2", store, signer, clock, policy, 64);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<CompletableFuture<AuditEntry>> appended = new ArrayList<>();
    List<CompletableFuture<Void>> callers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      ChainAppender appender = t % 2 == 0 ? first : second;
      int offset = t * 250;
      callers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 250; i++) {
          CompletableFuture<AuditEntry> f = appender.append(SampleExport.record(offset + i));
          synchronized (appended) {
            appended.add(f);
          }
        }
      }, threads));
    }
    CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
    CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();
    first.close();
    second.close();
    threads.shutdown();
    new HeadsCheckpointer(first.chainId(), store, signer, clock).run();

    assertThat(store.latestCheckpoints()).extracting(ChainHead::position).containsOnly(500L);
    assertThat(store.checkpoints(first.chainId())).extracting(c -> c.head().position())
        .containsExactly(100L, 200L, 300L, 400L, 500L);
    String export = export(store, signer);
    assertThat(AuditVerifier.verify(new StringReader(export), signer.publicKey()).message())
        .isEqualTo("audit verify: OK entries=1000 chains=2 checkpoints=11");
  }

  @Test
  void aRowChangedInTheDatabaseIsNamedAtItsPosition() throws IOException {
    AuditSigner signer = SampleExport.signer();
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    ChainAppender appender = ChainAppender.open("node3", store, signer, clock,
        new CheckpointPolicy(10, Duration.ofHours(1)), 16);
    for (int i = 0; i < 30; i++) {
      appender.append(SampleExport.record(i)).join();
    }
    appender.close();

    database.session().execute(SimpleStatement.newInstance("UPDATE audit_entries SET reason = 'LOCK_PERIOD' "
        + "WHERE chain = ? AND bucket = 0 AND position = 17", appender.chainId()));

    String export = export(store, signer);
    assertThat(AuditVerifier.verify(new StringReader(export), signer.publicKey()).message())
        .startsWith("audit verify: FAILED chain=")
        .endsWith("position=17: modified");
  }

  private String export(CassandraAuditStore store, AuditSigner signer) {
    StringWriter out = new StringWriter();
    AuditExporter.export(store, out, signer, T0, T0.plusSeconds(86_400), T0.plusSeconds(86_400));
    return out.toString();
  }
}
