package npc.gateway.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import npc.gateway.protocol.v1.Envelope;

/** How the client's parts send on the open session; the link implements it, a test may fake it. */
interface Outbound {
  /**
   * Sends a request with a fresh correlation id and returns its answer; fails with {@link NotSentException} when
   * no session is open, the in-flight limit is reached or the frame is too long.
   *
   * @param timeout how long to wait for the answer; zero for no timeout
   * @param completer where to complete the future
   */
  <Q, A> CompletableFuture<A> request(Operation<Q, A> operation, Q body, Duration timeout, Executor completer);

  /** Sends a frame that gets no answer (an acknowledgement, a ping), when a session is open; else drops it. */
  void oneWay(Consumer<Envelope.Builder> body);
}
