package npc.audit.trail;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import npc.audit.chain.ChainAppender;
import npc.audit.record.AuditEntry;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;

/**
 * The core's audit trail over this instance's chain: an intent is written before a step's write, which is sent once
 * the intent is acknowledged; once
 * the write applied, the step is appended to the chain from memory, no read, and its intent marked done when the
 * entry is acknowledged together with every entry before it ({@link ChainAppender#acknowledgedHead}). An entry past a
 * hole in the chain does not count as recorded (an export stops at the hole), so its intent stays open until then,
 * and a sweep records the step again if this instance dies first. A refusal or disconnection is appended and awaited.
 */
public final class ChainTrail implements AuditTrail {
  private final String instance;
  private final ChainAppender chain;
  private final Intents intents;
  private final Clock clock;
  /** The minute each intent of this instance is filed under, until it is done. */
  private final Map<java.util.UUID, Long> filed = new ConcurrentHashMap<>();
  /** Entries appended whose intent waits for the acknowledged head to reach them, by position. */
  private final TreeMap<Long, Runnable> waiting = new TreeMap<>();

  public ChainTrail(String instance, ChainAppender chain, Intents intents, Clock clock) {
    this.instance = instance;
    this.chain = chain;
    this.intents = intents;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> intend(AuditStep step) {
    long minute = Intents.minuteOf(clock.instant());
    filed.put(step.id(), minute);
    return intents.write(new Intents.Intent(minute, instance, step)).whenComplete((ok, failure) -> {
      if (failure != null) {
        filed.remove(step.id()); // its write is never sent
      }
    });
  }

  @Override
  public void applied(AuditStep step) {
    Long minute = filed.remove(step.id());
    chain.append(Records.of(step)).thenAccept(entry -> {
      if (minute != null) {
        doneWhenAcknowledged(entry, () -> intents.done(minute, step));
      }
    });
  }

  @Override
  public void abandoned(AuditStep step) {
    Long minute = filed.remove(step.id());
    if (minute != null) {
      intents.done(minute, step);
    }
  }

  /** Forgets the step; its intent stays open for a sweep to judge. */
  @Override
  public void undecided(AuditStep step) {
    filed.remove(step.id());
  }

  @Override
  public void record(AuditStep step) {
    chain.appendNow(Records.of(step)).join();
  }

  private void doneWhenAcknowledged(AuditEntry entry, Runnable done) {
    long head = chain.acknowledgedHead().position();
    java.util.List<Runnable> due = new java.util.ArrayList<>();
    synchronized (waiting) {
      waiting.put(entry.position(), done);
      while (!waiting.isEmpty() && waiting.firstKey() <= head) {
        due.add(waiting.pollFirstEntry().getValue());
      }
    }
    due.forEach(Runnable::run);
  }
}
