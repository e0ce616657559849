package npc.audit.trail;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import npc.core.audit.AuditStep;

/** Where intents are kept: written before a step's write, done once its entry is safe or its write failed. */
public interface Intents {

  /** An intent as stored: the step, the instance that wrote it and the minute it is filed under. */
  record Intent(long minute, String instance, AuditStep step) {}

  /** Stores the intent; the stage completes once it is durable, or fails if it could not be stored. */
  CompletionStage<Void> write(Intent intent);

  /** Marks the intent done: it makes no more work for a sweep. */
  void done(long minute, AuditStep step);

  /** The intents of {@code minute} not yet done. */
  List<Intent> open(long minute);

  /**
   * The minute before which every minute's open intents were judged, as a sweep last kept it; empty where nothing is
   * kept (the default) or nothing was swept yet.
   */
  default OptionalLong sweptTo() {
    return OptionalLong.empty();
  }

  /** Keeps how far the sweep reached: every minute before {@code minute} was judged. Where nothing is kept, nothing. */
  default void sweptTo(long minute) {}

  /** The epoch minute of an instant. */
  static long minuteOf(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), 60_000L);
  }
}
