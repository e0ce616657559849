package npc.core.audit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Where the core reports what the audit record must hold. The core owns this interface, as it owns its outbox; the
 * audit module implements it, so that the record depends on the core and never the other way.
 *
 * <p>A step is reported in two halves around its conditional write, as a notice is: {@link #intend} before (kept
 * durably, so that a step whose instance stops right after its write is still recorded by a sweep; the write is sent
 * only once the intent is durable), then
 * {@link #applied} or {@link #abandoned} once the write's outcome is known, {@link #undecided} when the write ended in
 * an error. The write itself leaves the step's id on
 * its {@link StepRow}, so a sweep tells a step that applied from one that did not by that id alone. A refusal or a
 * disconnection changes nothing: it is {@link #record}ed, durably, before the carrier hears of it.
 */
public interface AuditTrail {

  /** A trail that keeps nothing: for tools and tests of the core alone. */
  AuditTrail NONE = new AuditTrail() {
    @Override
    public CompletionStage<Void> intend(AuditStep step) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void applied(AuditStep step) {}

    @Override
    public void abandoned(AuditStep step) {}

    @Override
    public void record(AuditStep step) {}
  };

  /**
   * Before the write that makes {@code step}: writes its intent, and the stage completes once the intent is durable.
   * The write must not be sent before ({@link AuditingPortStore} has the write sent by the thread that completes the
   * stage, so the caller waits once for both).
   */
  CompletionStage<Void> intend(AuditStep step);

  /** Waits until {@code intent} (an {@link #intend}'s stage) is durable; its failure is thrown as it failed. */
  static void await(CompletionStage<Void> intent) {
    try {
      intent.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** The write applied: {@code step} as it applied (it may carry evidence known only now). Need not wait. */
  void applied(AuditStep step);

  /** The write did not apply: the intent is done and makes no entry. Need not wait. */
  void abandoned(AuditStep step);

  /**
   * The write ended in an error, so whether it applied is not known here (a conditional write that timed out may still
   * apply): the intent stays open, for a sweep to judge by the step's id, and the trail forgets the step. Need not
   * wait.
   */
  default void undecided(AuditStep step) {}

  /** A refusal or a disconnection: returns once its entry is durable, so the carrier is never told of one first. */
  void record(AuditStep step);
}
