package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import npc.audit.chain.AuditStore;
import npc.core.storage.Consistency;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.record.Signature64;
import npc.core.storage.PresentValues;

/**
 * The record in Cassandra (the audit's migration V001): plain writes only. Entries are partitioned by chain and
 * position / 100,000, so a partition stays bounded however long an instance runs. An entry read back is rebuilt from
 * its columns and its hash recomputed: a row changed in the database no longer links, and the export shows it.
 */
public final class CassandraAuditStore implements AuditStore {
  static final long BUCKET = 100_000;
  private static final int PAGE = 1_000;
  /** The most entries {@link #aboutNumber} reads: a number's lifetime of ports is a few dozen. */
  public static final int NUMBER_HISTORY_LIMIT = 10_000;
  private static final int ENTRY_BATCHES_IN_FLIGHT = 4;
  private static final int ENTRY_BATCH_ROWS = 64;
  private static final TupleType HEAD = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.BIGINT, DataTypes.BLOB);

  private final CqlSession session;
  /** Entries appended together share one request: they fall into their chain's bucket, one partition. */
  private final PartitionBatcher entries;
  private final PreparedStatement insertEntry;
  private final PreparedStatement selectEntries;
  private final PreparedStatement selectEntriesOfNumber;
  private final PreparedStatement insertCheckpoint;
  private final PreparedStatement latestCheckpoint;
  private final PreparedStatement selectCheckpoints;
  private final PreparedStatement openChain;
  private final PreparedStatement selectChains;
  private final PreparedStatement insertHeads;
  private final PreparedStatement selectHeads;

  public CassandraAuditStore(CqlSession session) {
    this.session = session;
    this.entries = new PartitionBatcher(session, ENTRY_BATCHES_IN_FLIGHT, ENTRY_BATCH_ROWS);
    insertEntry = session.prepare("INSERT INTO audit_entries (chain, bucket, position, previous, hash, step, at, "
        + "actor, kind, subject, msisdn, state_before, state_after, reason, evidence, deadline, subscriber) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    selectEntries = session.prepare("SELECT position, previous, step, at, actor, kind, subject, msisdn, "
        + "state_before, state_after, reason, evidence, deadline, subscriber FROM audit_entries "
        + "WHERE chain = ? AND bucket = ? AND position >= ? LIMIT ?");
    selectEntriesOfNumber = session.prepare(Consistency.read("SELECT chain, position, previous, step, at, actor, "
        + "kind, subject, msisdn, state_before, state_after, reason, evidence, deadline, subscriber FROM audit_entries "
        + "WHERE msisdn = ? LIMIT " + (NUMBER_HISTORY_LIMIT + 1)));
    insertCheckpoint = session.prepare("INSERT INTO audit_checkpoints (chain, position, hash, at, key_id, signature) "
        + "VALUES (?, ?, ?, ?, ?, ?)");
    // The position is the write's timestamp: the latest checkpoint wins whatever order the writes arrive in.
    latestCheckpoint = session.prepare("UPDATE audit_chains USING TIMESTAMP ? SET checkpoint_position = ?, "
        + "checkpoint_hash = ?, checkpoint_at = ? WHERE chain = ?");
    selectCheckpoints = session.prepare("SELECT position, hash, at, key_id, signature FROM audit_checkpoints "
        + "WHERE chain = ?");
    openChain = session.prepare("INSERT INTO audit_chains (chain, instance, started_at) VALUES (?, ?, ?)");
    selectChains = session.prepare("SELECT chain, checkpoint_position, checkpoint_hash FROM audit_chains");
    insertHeads = session.prepare("INSERT INTO audit_heads (day, at, made_by, heads, key_id, signature) "
        + "VALUES (?, ?, ?, ?, ?, ?)");
    selectHeads = session.prepare("SELECT at, made_by, heads, key_id, signature FROM audit_heads WHERE day = ? "
        + "AND at >= ? AND at < ?");
  }

  @Override
  public void openChain(String chain, String instance, Instant startedAt) {
    session.execute(openChain.bind(chain, instance, startedAt));
  }

  @Override
  public CompletionStage<Void> insert(AuditEntry entry) {
    AuditRecord r = entry.record();
    long bucket = entry.position() / BUCKET;
    return entries.write(List.of(entry.chain(), bucket), PresentValues.bind(insertEntry, entry.chain(), bucket,
            entry.position(), blob(entry.previous()), blob(entry.hash()), r.step(), r.at(), r.actor().orElse(null), r.kind(),
            r.subject().orElse(null), r.msisdn().orElse(null), r.stateBefore().orElse(null),
            r.stateAfter().orElse(null), r.reason().orElse(null), r.evidence(), r.deadline().orElse(null),
            r.subscriber().map(CassandraAuditStore::blob).orElse(null)));
  }

  @Override
  public CompletionStage<Void> insert(Checkpoint c) {
    ChainHead head = c.head();
    return session.executeAsync(insertCheckpoint.bind(head.chain(), head.position(), blob(head.hash()), c.at(),
            blob(c.keyId()), ByteBuffer.wrap(c.signature().bytes())))
        .thenCompose(rs -> session.executeAsync(latestCheckpoint.bind(head.position(), head.position(),
            blob(head.hash()), c.at(), head.chain())))
        .thenApply(rs -> null);
  }

  @Override
  public void insert(HeadsCheckpoint heads) {
    List<TupleValue> list = new ArrayList<>();
    for (ChainHead head : heads.heads()) {
      list.add(HEAD.newValue(head.chain(), head.position(), blob(head.hash())));
    }
    session.execute(insertHeads.bind(day(heads.at()), heads.at(), heads.madeBy(), list, blob(heads.keyId()),
        ByteBuffer.wrap(heads.signature().bytes())));
  }

  @Override
  public List<ChainHead> latestCheckpoints() {
    List<ChainHead> heads = new ArrayList<>();
    for (Row row : session.execute(selectChains.bind())) {
      boolean none = row.isNull("checkpoint_position");
      heads.add(new ChainHead(row.getString("chain"), none ? 0 : row.getLong("checkpoint_position"),
          none ? Bytes32.ZERO : bytes32(row.getByteBuffer("checkpoint_hash"))));
    }
    return heads;
  }

  /**
   * Stops at the first missing position: past it nothing links, and an instance that died with writes in flight
   * may leave one there. The steps of entries beyond such a hole are appended again by the recovery of intents (the
   * README's "Nothing lost"), as an intent is done only once its entry is acknowledged with all before it.
   */
  @Override
  public Iterator<AuditEntry> entries(String chain, long fromPosition) {
    return new Iterator<>() {
      private final List<AuditEntry> page = new ArrayList<>();
      private int next;
      private long position = fromPosition;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (next >= page.size() && !done) {
          page.clear();
          next = 0;
          int rows = 0;
          for (Row row : session.execute(selectEntries.bind(chain, position / BUCKET, position, PAGE))) {
            rows++;
            if (row.getLong("position") != position) {
              done = true;
              break;
            }
            page.add(entry(chain, row));
            position++;
          }
          if (rows < PAGE && position % BUCKET != 0) {
            done = true;
          }
          if (rows == 0) {
            done = true;
          }
        }
        return next < page.size();
      }

      @Override
      public AuditEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(next++);
      }
    };
  }

  @Override
  public List<Checkpoint> checkpoints(String chain) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (Row row : session.execute(selectCheckpoints.bind(chain))) {
      checkpoints.add(new Checkpoint(new ChainHead(chain, row.getLong("position"),
          bytes32(row.getByteBuffer("hash"))), row.getInstant("at"), bytes32(row.getByteBuffer("key_id")),
          Signature64.of(bytes(row.getByteBuffer("signature")))));
    }
    return checkpoints;
  }

  @Override
  public List<HeadsCheckpoint> heads(Instant from, Instant to) {
    List<HeadsCheckpoint> all = new ArrayList<>();
    for (LocalDate day = day(from); !day.isAfter(day(to)); day = day.plusDays(1)) {
      for (Row row : session.execute(selectHeads.bind(day, from, to))) {
        List<ChainHead> heads = new ArrayList<>();
        for (TupleValue t : row.getList("heads", TupleValue.class)) {
          heads.add(new ChainHead(t.getString(0), t.getLong(1), bytes32(t.getByteBuffer(2))));
        }
        all.add(new HeadsCheckpoint(row.getInstant("at"), row.getString("made_by"), heads,
            bytes32(row.getByteBuffer("key_id")), Signature64.of(bytes(row.getByteBuffer("signature")))));
      }
    }
    return all;
  }

  /**
   * Every entry about {@code msisdn} (audit migration V004's index), in the order of {@link
   * npc.audit.detect.AuditHistory}: time, then chain and position. At most {@link #NUMBER_HISTORY_LIMIT}; more is an
   * {@link IllegalStateException} rather than a history cut short without saying so.
   */
  public List<AuditEntry> aboutNumber(String msisdn) {
    List<AuditEntry> entries = new ArrayList<>();
    for (Row row : session.execute(selectEntriesOfNumber.bind(msisdn))) {
      entries.add(entry(row.getString("chain"), row));
    }
    if (entries.size() > NUMBER_HISTORY_LIMIT) {
      throw new IllegalStateException("more than " + NUMBER_HISTORY_LIMIT + " entries about " + msisdn);
    }
    entries.sort(java.util.Comparator.comparing((AuditEntry e) -> e.record().at()).thenComparing(AuditEntry::chain)
        .thenComparingLong(AuditEntry::position));
    return entries;
  }

  private static AuditEntry entry(String chain, Row row) {
    Map<String, String> evidence = row.getMap("evidence", String.class, String.class);
    AuditRecord record = new AuditRecord(row.getUuid("step"), row.getInstant("at"),
        Optional.ofNullable(row.getString("actor")), row.getString("kind"), Optional.ofNullable(row.getString("subject")),
        Optional.ofNullable(row.getString("msisdn")), Optional.ofNullable(row.getString("state_before")),
        Optional.ofNullable(row.getString("state_after")), Optional.ofNullable(row.getString("reason")),
        new TreeMap<>(evidence), Optional.ofNullable(row.getInstant("deadline")),
        Optional.ofNullable(row.getByteBuffer("subscriber")).map(CassandraAuditStore::bytes32));
    return new AuditEntry(chain, row.getLong("position"), bytes32(row.getByteBuffer("previous")), record);
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static ByteBuffer blob(Bytes32 value) {
    return ByteBuffer.wrap(value.bytes());
  }

  private static Bytes32 bytes32(ByteBuffer buffer) {
    return Bytes32.of(bytes(buffer));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
