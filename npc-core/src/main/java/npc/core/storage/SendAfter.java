package npc.core.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A stage that every statement a piece of work sends on this thread waits for: the statements leave only once it
 * completed, sent by whichever thread completes it, and none leaves if it fails. What the audit needs before a step's
 * write (its intent durable first), without the caller waking up between the two round trips: the thread that learns
 * the intent is durable (the driver's) sends the write, and the caller waits once, for the write.
 *
 * <p>Honoured by the sessions {@link Database} opens, through which every statement of the core's stores goes. A
 * statement whose stage has already completed is sent as it would be without one.
 */
public final class SendAfter {
  private static final ThreadLocal<CompletableFuture<?>> CURRENT = new ThreadLocal<>();

  private SendAfter() {}

  /**
   * Runs {@code work} on this thread with every statement it sends held back until {@code stage} completed (and
   * until the stage of an enclosing call did too).
   */
  public static <T> T sendingAfter(CompletionStage<?> stage, Supplier<T> work) {
    CompletableFuture<?> outer = CURRENT.get();
    CompletableFuture<?> own = stage.toCompletableFuture();
    CURRENT.set(outer == null ? own : CompletableFuture.allOf(outer, own));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The stage a statement sent now on this thread must wait for, or null where none or it completed normally. */
  static CompletableFuture<?> pending() {
    CompletableFuture<?> stage = CURRENT.get();
    return stage == null || (stage.isDone() && !stage.isCompletedExceptionally()) ? null : stage;
  }
}
