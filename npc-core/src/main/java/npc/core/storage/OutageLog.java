package npc.core.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The log of work that a loop retries at every tick while the database is down (the routing catch-up, the notice
 * and routing pushers, the deadline timer): one WARN when it starts failing, with its cause; a reminder at most
 * once a {@link #REMINDER} while it keeps failing, with the cause of the latest failure and how many there were;
 * one INFO when it works again. A quorum lost for a minute costs three lines, not a stack trace every tick.
 * Thread-safe.
 */
public final class OutageLog {
  /** How often a failure that goes on is told again. */
  public static final Duration REMINDER = Duration.ofMinutes(1);

  private final Logger log;
  private final String work;
  private final LongSupplier nanoTime;
  private final long reminderNanos;
  private long failures;
  /** Read without the lock: a success while nothing fails, the common case, costs no lock. */
  private volatile boolean failing;
  private long since;
  private long reminded;

  /** {@code work} names what fails, as the start of a sentence: "Pushing notices to CM". */
  public OutageLog(Logger log, String work) {
    this(log, work, System::nanoTime, REMINDER);
  }

  /** With a clock of nanoseconds and a reminder interval of its own: for tests. */
  public OutageLog(Logger log, String work, LongSupplier nanoTime, Duration reminder) {
    this.log = Objects.requireNonNull(log, "log");
    this.work = Objects.requireNonNull(work, "work");
    this.nanoTime = nanoTime;
    this.reminderNanos = reminder.toNanos();
  }

  /** One attempt failed: told if it is the first of a run, or if the last reminder is old enough. */
  public synchronized void failed(Throwable failure) {
    long now = nanoTime.getAsLong();
    failing = true;
    if (failures++ == 0) {
      since = now;
      reminded = now;
      // The stack trace once per outage: enough to tell a database outage from a fault of the code.
      log.warn("{} failed: {}; retrying, and reminding every {} s while it fails", work, cause(failure),
          reminderNanos / 1_000_000_000L, failure);
    } else if (now - reminded >= reminderNanos) {
      reminded = now;
      log.warn("{} still fails after {} s and {} attempts: {}", work, (now - since) / 1_000_000_000L, failures,
          cause(failure));
    }
  }

  /** One attempt worked: told if attempts failed before it. */
  public void succeeded() {
    if (failing) {
      recovered();
    }
  }

  private synchronized void recovered() {
    if (failures > 0) {
      log.info("{} works again after {} s and {} failed attempts", work,
          (nanoTime.getAsLong() - since) / 1_000_000_000L, failures);
      failures = 0;
      failing = false;
    }
  }

  /** Whether the last attempt failed. */
  public boolean failing() {
    return failing;
  }

  /**
   * The failure and its causes, one line: the exception names and messages. The driver reports what each node
   * answered as suppressed exceptions (of an {@code AllNodesFailedException}): the first of them is followed too.
   */
  static String cause(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && text.length() < 1_000; t = next(t)) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage().replaceAll("\\s+", " "));
      }
    }
    return text.toString();
  }

  private static Throwable next(Throwable t) {
    Throwable next = t.getCause() != null ? t.getCause()
        : t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null;
    return next == t ? null : next;
  }
}
