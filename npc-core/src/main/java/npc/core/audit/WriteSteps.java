package npc.core.audit;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the write in progress on this thread carries for the audit: the step ids it leaves on its rows and, for a
 * step made by one plain write, the statements that must be durable with it (the step's intent). They ride along the
 * call rather than through {@code PortStore}'s methods because the methods are the domain's and these are the
 * audit's: {@link AuditingPortStore} sets them around the call it forwards, and the Cassandra store adds the ids to
 * the {@code audit_steps} column of every row the write changes, and the statements to the write's own request, in
 * one logged batch. A store's writes run on the caller's thread, so what it finds here belongs to the write the
 * caller is making and to no other.
 */
public final class WriteSteps {
  private static final Carried NOTHING = new Carried(Set.of(), List.of());
  private static final ThreadLocal<Carried> CURRENT = ThreadLocal.withInitial(() -> NOTHING);

  private WriteSteps() {}

  /** The write in progress: its step ids, the statements to write with it, and whether the store took them. */
  private static final class Carried {
    final Set<UUID> ids;
    final List<BatchableStatement<?>> along;
    boolean taken;

    Carried(Set<UUID> ids, List<BatchableStatement<?>> along) {
      this.ids = Set.copyOf(ids);
      this.along = List.copyOf(along);
    }
  }

  /** Runs {@code write} with {@code ids} as the current step ids, and restores the ones before. */
  public static <T> T stamping(Set<UUID> ids, Supplier<T> write) {
    return stamping(ids, List.of(), write);
  }

  /**
   * Runs {@code write}, a plain write, with {@code ids} as the current step ids and {@code along} to be written in the
   * same request ({@link #withAlong}). A write that returns without having taken them made its step without them:
   * that is a store unable to carry them, and an error, never a silent loss.
   */
  public static <T> T stamping(Set<UUID> ids, List<BatchableStatement<?>> along, Supplier<T> write) {
    Carried before = CURRENT.get();
    Carried carried = new Carried(ids, along);
    CURRENT.set(carried);
    T result;
    try {
      result = write.get();
    } finally {
      CURRENT.set(before);
    }
    if (!carried.along.isEmpty() && !carried.taken) {
      throw new IllegalStateException("the store made a step's write without the statements that go along with it "
          + "(its intent): it must write WriteSteps.withAlong(...)");
    }
    return result;
  }

  /** The ids the write in progress leaves on its rows; empty outside {@link #stamping}. */
  public static Set<UUID> current() {
    return CURRENT.get().ids;
  }

  /**
   * The request to send for the plain write {@code write}: itself, or, when statements go along with it, one logged
   * batch of them and it, so that one request makes all of them durable and the batch log applies all or none.
   */
  public static Statement<?> withAlong(BatchableStatement<?> write) {
    Carried carried = CURRENT.get();
    if (carried.along.isEmpty()) {
      return write;
    }
    carried.taken = true;
    return BatchStatement.newInstance(DefaultBatchType.LOGGED).addAll(carried.along).add(write);
  }
}
