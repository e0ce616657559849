package npc.audit.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import npc.audit.chain.AuditStore;
import npc.core.storage.Consistency;
import npc.audit.record.AuditEntry;
import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.audit.record.CanonicalDecoding;
import npc.audit.record.CanonicalEncoding;
import npc.audit.record.ChainHead;
import npc.audit.record.Checkpoint;
import npc.audit.record.HeadsCheckpoint;
import npc.audit.record.Signature64;
import npc.core.storage.PresentValues;

/**
 * The record in Cassandra (the audit's migrations V001 and V006): plain writes only. Entries are partitioned by chain
 * and position / 100,000, so a partition stays bounded however long an instance runs; what one group commit gathers
 * for a partition is one block row holding the entries' canonical encodings (the README's "Block rows"). An entry read
 * back is decoded from those bytes and its hash recomputed: a block changed in the database no longer links, and the
 * export shows it. Chains written before V006, a row per entry, are read as they are.
 */
public final class CassandraAuditStore implements AuditStore {
  static final long BUCKET = 100_000;
  private static final int PAGE = 1_000;
  /** The most entries {@link #aboutNumber} reads: a number's lifetime of ports is a few dozen. */
  public static final int NUMBER_HISTORY_LIMIT = 10_000;
  /**
   * One block of a chain in flight at a time: the entries appended meanwhile leave together as the next block, as a
   * log's group commit does (audit/BENCHMARKS.md: with 4 in flight, blocks held 2.5 entries, with 1 about 9). No step
   * waits for its entry; a block of {@value #ENTRY_BLOCK_ROWS} entries leaves at once.
   */
  private static final int ENTRY_BLOCKS_IN_FLIGHT = 1;
  /**
   * How long an entry nobody waits for may wait for others before its block leaves, even with none in flight: a
   * step's entry is appended after its write and nothing waits for it but the intent's done mark, so a block gathers
   * what {@value #ENTRY_LINGER_MILLIS} ms of steps append instead of one round trip's (audit/BENCHMARKS.md). An entry
   * somebody waits for ({@link #insertNow}) leaves at once.
   */
  static final long ENTRY_LINGER_MILLIS = 20;
  private static final int ENTRY_BLOCK_ROWS = 256;
  /** The most positions one block row spans (V006): the block holding a position starts at most this far before. */
  static final long BLOCK_SPAN = 4_096;
  /** Block rows one read of a chain asks for. */
  private static final int BLOCK_PAGE = 100;
  /**
   * Positions of a chain one row of a number's index names (V008): a number is indexed once a stretch, however many
   * of its entries the stretch holds, and a number's history reads the stretch's blocks. It divides {@link #BUCKET},
   * so a stretch lies in one partition of blocks.
   */
  static final long STRETCH = 1_000;
  /** Rows of a number's index one request writes at most: each its own partition (the node warns above 10). */
  private static final int INDEX_ROWS_A_REQUEST = 10;
  private static final TupleType HEAD = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.BIGINT, DataTypes.BLOB);

  private final CqlSession session;
  /** Entries appended together share one request: they fall into their chain's bucket, one partition. */
  private final PartitionBatcher<AuditEntry> entries;
  private final PreparedStatement insertBlock;
  private final PreparedStatement selectBlocks;
  private final PreparedStatement selectBlocksOfNumber;
  private final PreparedStatement insertStretch;
  private final PreparedStatement selectStretches;
  private final PreparedStatement selectBlocksFrom;
  private final PreparedStatement selectBlockEnds;
  private final PreparedStatement selectBlock;
  /** By chain, the latest stretch indexed and the numbers indexed in it: a number is indexed once a stretch. */
  private final Map<String, Stretch> indexed = new java.util.HashMap<>();
  private final PreparedStatement selectRows;
  private final PreparedStatement selectRowsOfNumber;
  private final PreparedStatement insertCheckpoint;
  private final PreparedStatement latestCheckpoint;
  private final PreparedStatement selectCheckpoints;
  private final PreparedStatement openChain;
  private final PreparedStatement selectChains;
  private final PreparedStatement insertHeads;
  private final PreparedStatement selectHeads;

  public CassandraAuditStore(CqlSession session) {
    this.session = session;
    // An UPDATE, not an INSERT: it sets no row marker and leaves V006's `msisdns` as it is (absent, since V008).
    insertBlock = session.prepare("UPDATE audit_entry_blocks SET last = ?, body = ? "
        + "WHERE chain = ? AND bucket = ? AND first = ?");
    selectBlocks = session.prepare("SELECT first, body FROM audit_entry_blocks WHERE chain = ? AND bucket = ? "
        + "AND first > ? LIMIT ?");
    selectBlocksOfNumber = session.prepare(Consistency.read("SELECT body FROM audit_entry_blocks "
        + "WHERE msisdns CONTAINS ? LIMIT " + (NUMBER_HISTORY_LIMIT + 1)));
    insertStretch = session.prepare("INSERT INTO audit_number_stretches (msisdn, chain, stretch) VALUES (?, ?, ?)");
    selectStretches = session.prepare(Consistency.read("SELECT chain, stretch FROM audit_number_stretches "
        + "WHERE msisdn = ? LIMIT " + (NUMBER_HISTORY_LIMIT + 1)));
    selectBlocksFrom = session.prepare(Consistency.read("SELECT body FROM audit_entry_blocks WHERE chain = ? "
        + "AND bucket = ? AND first >= ? AND first < ?"));
    selectBlockEnds = session.prepare(Consistency.read("SELECT first, last FROM audit_entry_blocks WHERE chain = ? "
        + "AND bucket = ? AND first >= ? AND first < ?"));
    selectBlock = session.prepare(Consistency.read("SELECT body FROM audit_entry_blocks WHERE chain = ? "
        + "AND bucket = ? AND first = ?"));
    selectRows = session.prepare("SELECT position, previous, step, at, actor, kind, subject, msisdn, "
        + "state_before, state_after, reason, evidence, deadline, subscriber FROM audit_entries "
        + "WHERE chain = ? AND bucket = ? AND position >= ? LIMIT ?");
    selectRowsOfNumber = session.prepare(Consistency.read("SELECT chain, position, previous, step, at, actor, "
        + "kind, subject, msisdn, state_before, state_after, reason, evidence, deadline, subscriber FROM audit_entries "
        + "WHERE msisdn = ? LIMIT " + (NUMBER_HISTORY_LIMIT + 1)));
    this.entries = PartitionBatcher.sending(ENTRY_BLOCKS_IN_FLIGHT, ENTRY_BLOCK_ROWS,
        java.time.Duration.ofMillis(ENTRY_LINGER_MILLIS), (partition, gathered) -> send(gathered));
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
    return entries.write(partition(entry), entry);
  }

  @Override
  public CompletionStage<Void> insertNow(AuditEntry entry) {
    return entries.writeNow(partition(entry), entry);
  }

  private static List<Object> partition(AuditEntry entry) {
    return List.of(entry.chain(), entry.position() / BUCKET);
  }

  /**
   * Writes the entries gathered for one chain's bucket: first the rows of the numbers' index they need, then, once
   * those are acknowledged, their block. An entry the chain holds is so always found by its number; an index row
   * whose block never lands names a stretch without the number, which a number's history reads and skips.
   */
  private CompletionStage<?> send(List<AuditEntry> gathered) {
    Set<NumberStretch> unindexed = new java.util.LinkedHashSet<>();
    for (AuditEntry entry : gathered) {
      entry.record().msisdn().ifPresent(m -> unindexed.add(new NumberStretch(m, entry.chain(),
          entry.position() / STRETCH)));
    }
    synchronized (indexed) {
      unindexed.removeIf(n -> indexed.getOrDefault(n.chain(), Stretch.NONE).holds(n));
    }
    Statement<?> blocks = blocks(gathered);
    if (unindexed.isEmpty()) {
      return session.executeAsync(blocks);
    }
    List<CompletableFuture<?>> requests = new ArrayList<>();
    List<BatchableStatement<?>> rows = new ArrayList<>();
    for (NumberStretch n : unindexed) {
      rows.add(insertStretch.bind(n.msisdn(), n.chain(), n.stretch()));
      if (rows.size() == INDEX_ROWS_A_REQUEST) {
        requests.add(session.executeAsync(batch(rows)).toCompletableFuture());
        rows = new ArrayList<>();
      }
    }
    if (!rows.isEmpty()) {
      requests.add(session.executeAsync(batch(rows)).toCompletableFuture());
    }
    return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).thenCompose(done -> {
      synchronized (indexed) {
        unindexed.forEach(n -> indexed.put(n.chain(), indexed.getOrDefault(n.chain(), Stretch.NONE).with(n)));
      }
      return session.executeAsync(blocks);
    });
  }

  private static Statement<?> batch(List<BatchableStatement<?>> rows) {
    return rows.size() == 1 ? rows.get(0) : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows);
  }

  /** A row of the numbers' index (V008): {@code chain}'s positions of {@code stretch} hold an entry about it. */
  private record NumberStretch(String msisdn, String chain, long stretch) {}

  /** The latest stretch of a chain indexed so far, and the numbers indexed in it (a set added to in place). */
  private record Stretch(long stretch, Set<String> msisdns) {
    static final Stretch NONE = new Stretch(-1, Set.of());

    boolean holds(NumberStretch n) {
      return n.stretch() == stretch && msisdns.contains(n.msisdn());
    }

    /** This with {@code n} indexed: a later stretch starts afresh, an earlier one is not kept. */
    Stretch with(NumberStretch n) {
      if (n.stretch() > stretch) {
        Set<String> numbers = new java.util.HashSet<>();
        numbers.add(n.msisdn());
        return new Stretch(n.stretch(), numbers);
      }
      if (n.stretch() == stretch) {
        msisdns.add(n.msisdn());
      }
      return this;
    }
  }

  /**
   * The block rows of entries gathered for one chain's bucket: one row, or one per {@link #BLOCK_SPAN} positions
   * when a write retried late makes the gathered positions spread wider (an unlogged batch of one partition).
   */
  private Statement<?> blocks(List<AuditEntry> gathered) {
    List<AuditEntry> sorted = new ArrayList<>(gathered);
    sorted.sort(java.util.Comparator.comparingLong(AuditEntry::position));
    List<BatchableStatement<?>> rows = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size() || sorted.get(i).position() - sorted.get(from).position() >= BLOCK_SPAN) {
        rows.add(block(sorted.subList(from, i)));
        from = i;
      }
    }
    return rows.size() == 1 ? rows.get(0) : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows);
  }

  private BoundStatement block(List<AuditEntry> sorted) {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(512 * sorted.size());
    for (AuditEntry entry : sorted) {
      byte[] bytes = CanonicalEncoding.entry(entry);
      body.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      body.writeBytes(bytes);
    }
    AuditEntry first = sorted.get(0);
    return insertBlock.bind(sorted.get(sorted.size() - 1).position(), ByteBuffer.wrap(body.toByteArray()),
        first.chain(), first.position() / BUCKET, first.position());
  }

  /** The entries of a block row, in the order written (by position). */
  static List<AuditEntry> entriesOf(ByteBuffer block) {
    byte[] bytes = bytes(block);
    List<AuditEntry> entries = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    while (in.hasRemaining()) {
      int length = in.getInt();
      entries.add(CanonicalDecoding.entry(bytes, in.position(), length));
      in.position(in.position() + length);
    }
    return entries;
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
    Iterator<AuditEntry> blocks = blockEntries(chain, fromPosition);
    // A chain is written in one layout (each start opens a new chain): one written before V006 has no block.
    return blocks.hasNext() ? blocks : rowEntries(chain, fromPosition);
  }

  private Iterator<AuditEntry> blockEntries(String chain, long fromPosition) {
    return new Iterator<>() {
      /** Entries read and not yet handed out, by position. */
      private final TreeMap<Long, AuditEntry> read = new TreeMap<>();
      private long position = fromPosition;
      private long bucket = fromPosition / BUCKET;
      /** The blocks of the bucket read so far start at or before this; every entry up to it is read. */
      private long readThrough = Math.max(bucket * BUCKET - 1, fromPosition - BLOCK_SPAN);
      private boolean bucketRead;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (!done && !read.containsKey(position)) {
          if (position / BUCKET != bucket) { // the next bucket, a partition of its own
            bucket = position / BUCKET;
            readThrough = bucket * BUCKET - 1;
            bucketRead = false;
          }
          if (position <= readThrough || bucketRead) {
            done = true; // a hole: every block that could hold it was read
          } else {
            readPage();
          }
        }
        return !done;
      }

      private void readPage() {
        int blocks = 0;
        for (Row row : session.execute(selectBlocks.bind(chain, bucket, readThrough, BLOCK_PAGE))) {
          blocks++;
          for (AuditEntry entry : entriesOf(row.getByteBuffer("body"))) {
            if (entry.position() >= position) {
              read.putIfAbsent(entry.position(), entry);
            }
          }
          readThrough = row.getLong("first"); // blocks come by their first position: all up to it are read
        }
        if (blocks < BLOCK_PAGE) {
          bucketRead = true;
        }
      }

      @Override
      public AuditEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return read.remove(position++);
      }
    };
  }

  /** The entries of a chain written before V006, a row each (V001), up to the first missing position. */
  private Iterator<AuditEntry> rowEntries(String chain, long fromPosition) {
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
          for (Row row : session.execute(selectRows.bind(chain, position / BUCKET, position, PAGE))) {
            rows++;
            if (row.getLong("position") != position) {
              done = true;
              break;
            }
            page.add(rowEntry(chain, row));
            position++;
          }
          if (rows == 0 || rows < PAGE && position % BUCKET != 0) {
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

  private static AuditEntry rowEntry(String chain, Row row) {
    AuditRecord record = new AuditRecord(row.getUuid("step"), row.getInstant("at"),
        Optional.ofNullable(row.getString("actor")), row.getString("kind"),
        Optional.ofNullable(row.getString("subject")),
        Optional.ofNullable(row.getString("msisdn")), Optional.ofNullable(row.getString("state_before")),
        Optional.ofNullable(row.getString("state_after")), Optional.ofNullable(row.getString("reason")),
        new TreeMap<>(row.getMap("evidence", String.class, String.class)),
        Optional.ofNullable(row.getInstant("deadline")),
        Optional.ofNullable(row.getByteBuffer("subscriber")).map(CassandraAuditStore::bytes32));
    return new AuditEntry(chain, row.getLong("position"), bytes32(row.getByteBuffer("previous")), record);
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
   * Every entry about {@code msisdn}, in the order of {@link npc.audit.detect.AuditHistory}: time, then chain and
   * position. Found through the number's stretches (V008), and for entries written before it through the indexes on
   * the blocks' numbers (V006) and the rows' (V004). At most {@link #NUMBER_HISTORY_LIMIT}; more is an {@link
   * IllegalStateException} rather than a history cut short without saying so.
   */
  public List<AuditEntry> aboutNumber(String msisdn) {
    Map<String, AuditEntry> found = new java.util.HashMap<>();
    java.util.function.Consumer<ByteBuffer> block = body -> {
      for (AuditEntry entry : entriesOf(body)) {
        if (entry.record().msisdn().filter(msisdn::equals).isPresent()) {
          found.putIfAbsent(entry.chain() + "/" + entry.position(), entry);
        }
      }
    };
    int stretches = 0;
    for (Row row : session.execute(selectStretches.bind(msisdn))) {
      stretches++;
      blocksOfStretch(row.getString("chain"), row.getLong("stretch"), block);
    }
    int blocks = 0;
    for (Row row : session.execute(selectBlocksOfNumber.bind(msisdn))) { // written before V008
      blocks++;
      block.accept(row.getByteBuffer("body"));
    }
    for (Row row : session.execute(selectRowsOfNumber.bind(msisdn))) { // written before V006
      AuditEntry entry = rowEntry(row.getString("chain"), row);
      found.putIfAbsent(entry.chain() + "/" + entry.position(), entry);
    }
    if (stretches > NUMBER_HISTORY_LIMIT || blocks > NUMBER_HISTORY_LIMIT || found.size() > NUMBER_HISTORY_LIMIT) {
      throw new IllegalStateException("more than " + NUMBER_HISTORY_LIMIT + " entries about " + msisdn);
    }
    List<AuditEntry> entries = new ArrayList<>(found.values());
    entries.sort(java.util.Comparator.comparing((AuditEntry e) -> e.record().at()).thenComparing(AuditEntry::chain)
        .thenComparingLong(AuditEntry::position));
    return entries;
  }

  /**
   * Gives {@code block} the body of each block that may hold a position of {@code chain}'s {@code stretch}: those that
   * start in it, and of those that start at most {@link #BLOCK_SPAN} before it in its bucket, the ones that reach
   * into it (their ends are read first, and only their bodies then).
   */
  private void blocksOfStretch(String chain, long stretch, java.util.function.Consumer<ByteBuffer> block) {
    long from = stretch * STRETCH;
    long bucket = from / BUCKET;
    for (Row row : session.execute(selectBlocksFrom.bind(chain, bucket, from, from + STRETCH))) {
      block.accept(row.getByteBuffer("body"));
    }
    long earliest = Math.max(bucket * BUCKET, from - BLOCK_SPAN + 1);
    for (Row end : session.execute(selectBlockEnds.bind(chain, bucket, earliest, from))) {
      if (end.getLong("last") >= from) {
        Row row = session.execute(selectBlock.bind(chain, bucket, end.getLong("first"))).one();
        if (row != null) {
          block.accept(row.getByteBuffer("body"));
        }
      }
    }
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
