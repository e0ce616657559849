package npc.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.chain.HeadsCheckpointer;
import npc.audit.export.AuditExporter;
import npc.audit.export.AuditVerifier;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalEncoding;
import npc.audit.record.ChainHead;
import npc.audit.sign.AuditSigner;
import npc.audit.testing.SampleExport;
import npc.core.storage.CassandraSettings;
import npc.core.storage.Database;
import npc.core.storage.PresentValues;
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

    // Each entry was appended alone, so it is a block of its own: 17's block is rewritten with another reason.
    Row block = database.session().execute(SimpleStatement.newInstance("SELECT body FROM audit_entry_blocks "
        + "WHERE chain = ? AND bucket = 0 AND first = 17", appender.chainId())).one();
    AuditEntry stored = CassandraAuditStore.entriesOf(block.getByteBuffer("body")).get(0);
    AuditRecord r = stored.record();
    byte[] changed = CanonicalEncoding.entry(new AuditEntry(stored.chain(), stored.position(), stored.previous(),
        new AuditRecord(r.step(), r.at(), r.actor(), r.kind(), r.subject(), r.msisdn(), r.stateBefore(),
            r.stateAfter(), Optional.of("LOCK_PERIOD"), r.evidence(), r.deadline(), r.subscriber())));
    database.session().execute(SimpleStatement.newInstance("UPDATE audit_entry_blocks SET body = ? "
        + "WHERE chain = ? AND bucket = 0 AND first = 17", ByteBuffer.allocate(4 + changed.length)
        .putInt(changed.length).put(changed).flip(), appender.chainId()));

    String export = export(store, signer);
    assertThat(AuditVerifier.verify(new StringReader(export), signer.publicKey()).message())
        .startsWith("audit verify: FAILED chain=")
        .endsWith("position=17: modified");
  }

  @Test
  void aChainWrittenARowPerEntryBeforeBlockRowsIsReadAsItWasAndSoIsANumbersHistory() {
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    List<AuditEntry> old = new ArrayList<>();
    Bytes32 previous = Bytes32.ZERO;
    for (int i = 0; i < 1_200; i++) { // more than one page of rows
      AuditEntry entry = new AuditEntry("old-release-1f2e", i + 1, previous, SampleExport.record(i));
      writeAsARow(entry);
      old.add(entry);
      previous = entry.hash();
    }
    ChainAppender appender = ChainAppender.open("new-release", store, SampleExport.signer(),
        Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC), new CheckpointPolicy(100, Duration.ofHours(1)), 16);
    AuditEntry later = appender.append(SampleExport.record(3)).join(); // about the number of old entries 3 to 5
    appender.close();

    assertThat(store.entries("old-release-1f2e", 1)).toIterable().containsExactlyElementsOf(old);
    assertThat(store.entries("old-release-1f2e", 1_000)).toIterable().containsExactlyElementsOf(old.subList(999, 1_200));
    assertThat(store.entries(appender.chainId(), 1)).toIterable().containsExactly(later);
    assertThat(store.aboutNumber(later.record().msisdn().orElseThrow()))
        .containsExactly(later, old.get(3), old.get(4), old.get(5)); // by time, then chain and position
  }

  @Test
  void aNumbersHistoryIsEveryEntryAboutItWhereverItsBlockBeginsAndEnds() {
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    List<AuditEntry> chain = chain("stretches", 1_100);
    write(store, chain.subList(0, 989), false);
    // 990 to 1,009 linger (20 ms) and leave with 1,010, which is waited for: one block that begins in the stretch 0
    // to 999 and ends in the next.
    write(store, chain.subList(989, 1_010), true);
    write(store, chain.subList(1_010, 1_100), false);
    assertThat(database.session().execute(SimpleStatement.newInstance("SELECT first, last FROM audit_entry_blocks "
        + "WHERE chain = 'stretches' AND bucket = 0 AND first = 990")).one())
        .as("the block across the stretches' boundary")
        .satisfies(row -> assertThat(row.getLong("last")).isEqualTo(1_010));

    for (String number : chain.stream().map(e -> e.record().msisdn().orElseThrow()).distinct().toList()) {
      assertThat(store.aboutNumber(number)).as(number)
          .containsExactlyElementsOf(chain.stream().filter(e -> e.record().msisdn().orElseThrow().equals(number))
              .toList());
    }
  }

  @Test
  void aBlockIsNotWrittenUntilTheNumbersItNamesAreIndexed() {
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    database.session().execute("DROP TABLE audit_number_stretches");

    AuditEntry entry = chain("unindexed", 1).get(0);
    assertThat(store.insertNow(entry).toCompletableFuture()).failsWithin(Duration.ofSeconds(30));
    assertThat(database.session().execute(SimpleStatement.newInstance("SELECT first FROM audit_entry_blocks "
        + "WHERE chain = 'unindexed' AND bucket = 0")).all()).isEmpty();
  }

  @Test
  void blocksWrittenBeforeTheNumbersStretchesAreFoundByTheNumbersTheyName() {
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    List<AuditEntry> old = chain("v006-release", 6);
    // As a release before V008 wrote a block: its numbers in the block's own `msisdns`, no stretch indexed.
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (AuditEntry entry : old) {
      byte[] bytes = CanonicalEncoding.entry(entry);
      body.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      body.writeBytes(bytes);
    }
    database.session().execute(SimpleStatement.newInstance("UPDATE audit_entry_blocks SET last = 6, body = ?, "
            + "msisdns = msisdns + ? WHERE chain = 'v006-release' AND bucket = 0 AND first = 1",
        ByteBuffer.wrap(body.toByteArray()),
        java.util.Set.copyOf(old.stream().map(e -> e.record().msisdn().orElseThrow()).toList())));
    AuditEntry later = chain("later-release", 4).get(3); // about the number of the old entries at 3 to 5
    store.insertNow(later).toCompletableFuture().join();

    assertThat(store.aboutNumber(later.record().msisdn().orElseThrow())) // by time, then chain and position
        .containsExactly(old.get(2), later, old.get(3), old.get(4));
  }

  /** Writes {@code entries} and waits for them; with {@code together}, all lingering but the last. */
  private static void write(CassandraAuditStore store, List<AuditEntry> entries, boolean together) {
    List<CompletableFuture<Void>> written = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      boolean now = !together || i == entries.size() - 1;
      written.add((now ? store.insertNow(entries.get(i)) : store.insert(entries.get(i))).toCompletableFuture());
    }
    CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
  }

  /** {@code length} entries of {@code chain}, linked, from position 1, the sample's records from 1. */
  private static List<AuditEntry> chain(String chain, int length) {
    List<AuditEntry> entries = new ArrayList<>();
    Bytes32 previous = Bytes32.ZERO;
    for (int i = 1; i <= length; i++) {
      AuditEntry entry = new AuditEntry(chain, i, previous, SampleExport.record(i));
      entries.add(entry);
      previous = entry.hash();
    }
    return entries;
  }

  /** An entry as a release before V006 stored it: a row of its own in V001's {@code audit_entries}. */
  private void writeAsARow(AuditEntry entry) {
    AuditRecord r = entry.record();
    database.session().execute(PresentValues.bind(database.session().prepare("INSERT INTO audit_entries (chain, "
        + "bucket, position, previous, hash, step, at, actor, kind, subject, msisdn, state_before, state_after, "
        + "reason, evidence, deadline, subscriber) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        entry.chain(), entry.position() / CassandraAuditStore.BUCKET, entry.position(),
        ByteBuffer.wrap(entry.previous().bytes()), ByteBuffer.wrap(entry.hash().bytes()), r.step(), r.at(),
        r.actor().orElse(null), r.kind(), r.subject().orElse(null), r.msisdn().orElse(null),
        r.stateBefore().orElse(null), r.stateAfter().orElse(null), r.reason().orElse(null), r.evidence(),
        r.deadline().orElse(null), r.subscriber().map(b -> ByteBuffer.wrap(b.bytes())).orElse(null)));
  }

  private String export(CassandraAuditStore store, AuditSigner signer) {
    StringWriter out = new StringWriter();
    AuditExporter.export(store, out, signer, T0, T0.plusSeconds(86_400), T0.plusSeconds(86_400));
    return out.toString();
  }
}
