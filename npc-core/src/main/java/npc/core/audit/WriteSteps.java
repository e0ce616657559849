package npc.core.audit;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

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

  /** The ids the write in progress leaves on its rows; empty outside {@link #stamping}. */
  public static Set<UUID> current() {
    return CURRENT.get();
  }
}
