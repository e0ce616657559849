package npc.audit.chain;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import npc.audit.record.AuditEntry;
import npc.audit.record.ChainHead;

/**
 * Every chain of the record, tailed in position order: each read hands over only what a chain appended since the
 * read before, never the whole record. A new reader (a restart) reads every chain once from its first position. A
 * chain read up to a hole (an instance that died with a write in flight) is read from the hole again next time. Each
 * chain has a state of the caller's ({@code S}) that its entries are folded into. Not thread-safe: one read at a time.
 */
public final class ChainTails<S> {
  private final Map<String, Tail<S>> chains = new TreeMap<>();
  private final Supplier<S> fresh;

  /** What a reader does with a chain's new entries. */
  public interface Reader<S> {
    /** One entry of {@code chain}, in position order. */
    void entry(S state, AuditEntry entry);

    /** After {@code chain}'s new entries (none, maybe): {@code through} is its last position read, 0 before any. */
    void chainRead(String chain, S state, long through);
  }

  private static final class Tail<S> {
    private long next = 1;
    private final S state;

    Tail(S state) {
      this.state = state;
    }
  }

  public ChainTails(Supplier<S> fresh) {
    this.fresh = fresh;
  }

  /** Reads what every chain of {@code store} appended since the last read; returns the entries read. */
  public long read(AuditStore store, Reader<S> reader) {
    for (ChainHead head : store.latestCheckpoints()) {
      chains.computeIfAbsent(head.chain(), c -> new Tail<>(fresh.get()));
    }
    long read = 0;
    for (Map.Entry<String, Tail<S>> chain : chains.entrySet()) {
      Tail<S> tail = chain.getValue();
      for (Iterator<AuditEntry> appended = store.entries(chain.getKey(), tail.next); appended.hasNext(); ) {
        AuditEntry e = appended.next();
        reader.entry(tail.state, e);
        tail.next = e.position() + 1;
        read++;
      }
      reader.chainRead(chain.getKey(), tail.state, tail.next - 1);
    }
    return read;
  }

  /** The state of every chain read so far. */
  public Iterable<S> states() {
    return chains.values().stream().map(t -> t.state).toList();
  }
}
