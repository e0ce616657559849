package npc.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import npc.audit.chain.ChainAppender;
import npc.audit.chain.CheckpointPolicy;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.testing.SampleExport;
import npc.audit.trail.CassandraIntents;
import npc.audit.trail.Intents;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.StepRow;
import npc.core.storage.Database;
import npc.core.storage.testing.TestCassandra;
import npc.core.storage.testing.Tombstones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An entry or an intent without its optional fields (no actor, reason, states, deadline, subscriber, evidence) is
 * stored without a tombstone: the node's own trace of a read of its row counts no tombstone cell, and it reads back
 * the same. A null bound for each absent field would be a deleted cell that every read of the chain's partition has
 * to skip (a demo's read of 1,000 entries met 2,500 of them).
 */
class AbsentFieldsIT {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");
  private static Database database;

  @BeforeAll
  static void open() {
    database = Database.open(TestCassandra.freshKeyspaceSettings("absent_fields"), List.of(AuditSchema.migrations()));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void anEntryWithoutOptionalFieldsWritesNoTombstoneAndReadsBackTheSame() {
    CassandraAuditStore store = new CassandraAuditStore(database.session());
    ChainAppender chain = ChainAppender.open("absent", store, SampleExport.signer(), Clock.fixed(T0, ZoneOffset.UTC),
        new CheckpointPolicy(1_000, Duration.ofHours(1)), 4);
    AuditEntry written = chain.append(new AuditRecord(UUID.randomUUID(), T0, Optional.empty(), "ROUTE_CHANGED",
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), new TreeMap<>(),
        Optional.empty(), Optional.empty())).join();
    chain.close();

    assertThat(store.entries(chain.chainId(), 1)).toIterable().containsExactly(written);
    Tombstones.Counted read = Tombstones.read(database.session(),
        "SELECT * FROM audit_entry_blocks WHERE chain = ? AND bucket = 0", chain.chainId());
    assertThat(read.liveRows()).isEqualTo(1);
    assertThat(read.tombstoneCells()).isZero();
  }

  @Test
  void anIntentWithoutOptionalFieldsWritesNoTombstoneAndReadsBackTheSame() {
    long minute = Intents.minuteOf(T0) + 7;
    AuditStep step = bare().withRow(new StepRow.NumberRow("+8613800138000"));
    try (CassandraIntents intents = new CassandraIntents(database.session())) {
      intents.write(new Intents.Intent(minute, "absent", step)).toCompletableFuture().join();

      assertThat(intents.open(minute)).containsExactly(new Intents.Intent(minute, "absent", step));
    }
    Tombstones.Counted read = Tombstones.read(database.session(),
        "SELECT * FROM audit_intent_blocks WHERE minute = ?", minute);
    assertThat(read.liveRows()).isEqualTo(1);
    assertThat(read.tombstoneCells()).isZero();
  }

  /** A step the clearinghouse took on its own, with nothing but its kind and time. */
  private static AuditStep bare() {
    return AuditStep.of(UUID.randomUUID(), AuditKind.ROUTE_CHANGED, T0);
  }
}
