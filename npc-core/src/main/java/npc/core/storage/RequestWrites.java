package npc.core.storage;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.util.List;

/**
 * What the database did with the statements of one request served on this thread, so that a failure is told
 * truthfully. A step of the core makes several writes (write-ahead notices and deadline rows, an idempotency key's
 * claim, the conditional write that decides, facts after it): only when none of them may have been applied can a
 * carrier be told "nothing was written". Otherwise the outcome is unknown, and the resend with the same idempotency
 * key settles it.
 *
 * <p>The session of {@link Database} reports every statement run on a thread with an open {@code RequestWrites}.
 * A write may have been applied when it succeeded, or when it failed in any way but one that Cassandra gives only
 * before it writes anything: {@code Unavailable} (the coordinator saw too few live replicas for the level, and
 * refused), except at the commit level of a conditional write, whose Paxos proposal may already be accepted and
 * completed by the next round; and no node to send it to. A timeout leaves a write in doubt.
 *
 * <p>Open one per request, on the thread that serves it, and close it there (try-with-resources).
 */
public final class RequestWrites implements AutoCloseable {
  private static final ThreadLocal<RequestWrites> CURRENT = new ThreadLocal<>();

  private final RequestWrites outer;
  private int inDoubt;
  private int running;
  private int failures;
  private int answered;

  private RequestWrites(RequestWrites outer) {
    this.outer = outer;
  }

  /** Starts recording the statements this thread runs, until {@link #close()}. */
  public static RequestWrites open() {
    RequestWrites writes = new RequestWrites(CURRENT.get());
    CURRENT.set(writes);
    return writes;
  }

  /** The record of this thread's request, or null outside one. */
  static RequestWrites current() {
    return CURRENT.get();
  }

  /**
   * True when a statement of this request failed and no write of it may have been applied: the request changed
   * nothing, and resending it is a new attempt, not a repetition.
   */
  public synchronized boolean nothingWritten() {
    return failures > 0 && inDoubt == 0 && running == 0;
  }

  /** True when a statement of this request got its answer from the database: it was reachable. */
  public synchronized boolean reachedTheDatabase() {
    return answered > 0;
  }

  synchronized void started() {
    running++;
  }

  synchronized void succeeded(boolean write) {
    running--;
    answered++;
    if (write) {
      inDoubt++;
    }
  }

  synchronized void failed(boolean write, boolean conditional, Throwable failure) {
    running--;
    failures++;
    if (write && !refusedBeforeWriting(conditional, failure)) {
      inDoubt++;
    }
  }

  @Override
  public void close() {
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * Whether {@code failure}, or one of its causes, is the database failing to serve a statement (not answering in
   * time, refusing for its replicas, overloaded, or a connection to its node lost or full) rather than a statement
   * that is wrong: what a carrier is told as "nothing written" or "outcome unknown", never as a fault of the server.
   */
  public static boolean databaseFailed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DriverTimeoutException || t instanceof AllNodesFailedException
          || t instanceof QueryExecutionException || t instanceof ClosedConnectionException
          || t instanceof HeartbeatException || t instanceof BusyConnectionException
          || t instanceof RequestThrottlingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} proves that Cassandra wrote nothing of the statement: {@code Unavailable} for a plain
   * write, or at the serial level for a conditional one (Paxos did not begin); or no node took the statement. Every
   * node the driver tried must have refused so.
   */
  static boolean refusedBeforeWriting(boolean conditional, Throwable failure) {
    if (failure instanceof UnavailableException unavailable) {
      return !conditional || unavailable.getConsistencyLevel().isSerial();
    }
    if (failure instanceof NoNodeAvailableException || failure instanceof BusyConnectionException
        || failure instanceof RequestThrottlingException) {
      return true; // not sent: no node was tried, every connection was full, or the driver's own limit held it back
    }
    if (failure instanceof AllNodesFailedException all) {
      List<Throwable> errors = all.getAllErrors().values().stream().flatMap(List::stream).toList();
      return !errors.isEmpty() && errors.stream().allMatch(e -> refusedBeforeWriting(conditional, e));
    }
    return false;
  }
}
