package npc.gateway.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import npc.gateway.protocol.v1.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of the open connection that wait for an answer, by correlation id. A request keeps its slot until
 * the gateway answers it or the connection drops, even after its future timed out: the gateway still counts it
 * against {@code Welcome.max_in_flight}, and a client that forgot it would be answered BUSY. Used on the client's
 * event loop only; futures are completed on the executor each request names.
 */
final class InFlightRequests {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);

  private final EventExecutor loop;
  private final Map<String, Pending<?>> waiting = new HashMap<>();
  /** How many of {@link #waiting} are answers due by a deadline. */
  private int answers;

  InFlightRequests(EventExecutor loop) {
    this.loop = loop;
  }

  int size() {
    return waiting.size();
  }

  /** Requests waiting of the same window as {@code operation} ({@link Operation#isDueAnswer}). */
  int size(Operation<?, ?> operation) {
    return operation.isDueAnswer() ? answers : waiting.size() - answers;
  }

  /**
   * Records a request just written.
   *
   * @param timeout how long its future waits for the answer; zero for no timeout
   * @param completer where its future is completed
   */
  <A> void add(String id, Operation<?, A> operation, CompletableFuture<A> future, Duration timeout,
      Executor completer) {
    Pending<A> pending = new Pending<>(operation, future, completer);
    waiting.put(id, pending);
    if (operation.isDueAnswer()) {
      answers++;
    }
    if (!timeout.isZero()) {
      pending.timer = loop.schedule(() -> pending.fail(new RequestTimeoutException(id, timeout)),
          timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Completes the request {@code answer} is about; false when no request waits for its correlation id. */
  boolean answer(Envelope answer) {
    String id = answer.getHeader().getCorrelationId();
    Pending<?> pending = waiting.remove(id);
    if (pending == null) {
      return false;
    }
    if (pending.operation.isDueAnswer()) {
      answers--;
    }
    if (pending.settled) {
      LOG.debug("Request {} was answered after its timeout", id);
    }
    pending.settle(answer);
    return true;
  }

  /** The connection dropped: every waiting request's outcome is unknown. */
  void connectionLost(String why) {
    List<Pending<?>> lost = new ArrayList<>(waiting.values());
    waiting.clear();
    answers = 0;
    for (Pending<?> pending : lost) {
      pending.fail(new ConnectionLostException(why));
    }
  }

  private static final class Pending<A> {
    private final Operation<?, A> operation;
    private final CompletableFuture<A> future;
    private final Executor completer;
    private ScheduledFuture<?> timer;
    private boolean settled;

    Pending(Operation<?, A> operation, CompletableFuture<A> future, Executor completer) {
      this.operation = operation;
      this.future = future;
      this.completer = completer;
    }

    void settle(Envelope answer) {
      if (answer.getBodyCase() == Envelope.BodyCase.ERROR) {
        fail(new GatewayException(answer.getError()));
      } else if (operation.answers().contains(answer.getBodyCase())) {
        complete(operation.answer().apply(answer));
      } else {
        fail(new IllegalStateException("the gateway answered a " + operation.name() + " with "
            + answer.getBodyCase()));
      }
    }

    void fail(Throwable failure) {
      if (!settled) {
        settled = true;
        cancelTimer();
        completer.execute(() -> future.completeExceptionally(failure));
      }
    }

    private void complete(A value) {
      if (!settled) {
        settled = true;
        cancelTimer();
        completer.execute(() -> future.complete(value));
      }
    }

    private void cancelTimer() {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }
}
