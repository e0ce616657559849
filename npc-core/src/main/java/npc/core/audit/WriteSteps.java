package npc.core.audit;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import npc.core.storage.SendAfter;

/**
 * The step ids the conditional write in progress on this thread leaves on its rows. They ride along the call
 * rather than through {@code PortStore}'s methods because the methods are the domain's and the ids are the audit's:
 * {@link AuditingPortStore} sets them around the call it forwards, and the Cassandra store adds them to the
 * {@code audit_steps} column of every row the write changes, in the same write. A store's writes run on the
 * caller's thread, so the ids are those of the write the caller is making and of no other.
 */
public final class WriteSteps {
  private static final ThreadLocal<Set<UUID>> CURRENT = ThreadLocal.withInitial(Set::of);

  private WriteSteps() {}

  /** Runs {@code write} with {@code ids} as the current step ids, and restores the ones before. */
  public static <T> T stamping(Set<UUID> ids, Supplier<T> write) {
    Set<UUID> before = CURRENT.get();
    CURRENT.set(Set.copyOf(ids));
    try {
      return write.get();
    } finally {
      CURRENT.set(before);
    }
  }

  /**
   * As {@link #stamping(Set, Supplier)}, the write's statements sent only once {@code intents} completed (its steps'
   * intents durable), by the thread that completes it ({@link SendAfter}): the caller waits once, for the write. A
   * store's writes are sent on the caller's thread, which is what lets the stage hold them back; a write that goes
   * out with other callers' (a group commit on another caller's thread) must wait for its intent itself.
   */
  public static <T> T stamping(Set<UUID> ids, CompletionStage<?> intents, Supplier<T> write) {
    return SendAfter.sendingAfter(intents, () -> stamping(ids, write));
  }

  /** The ids the write in progress leaves on its rows; empty outside {@link #stamping}. */
  public static Set<UUID> current() {
    return CURRENT.get();
  }
}
