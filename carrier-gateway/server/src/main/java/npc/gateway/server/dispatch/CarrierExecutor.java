package npc.gateway.server.dispatch;

import npc.core.carrier.CarrierId;

/** Runs a carrier's requests off the event loop, within what the carrier may take of the shared threads. */
@FunctionalInterface
public interface CarrierExecutor {
  /**
   * Runs the request of the carrier soon.
   *
   * @throws java.util.concurrent.RejectedExecutionException when it cannot: the request is answered BUSY with the
   *     exception's message
   */
  void execute(CarrierId carrier, Runnable request);

  /**
   * Runs the carrier's answer due by a deadline soon, before its new requests where the executor orders them; the
   * default runs it as any request.
   *
   * @throws java.util.concurrent.RejectedExecutionException as {@link #execute}
   */
  default void executeAnswer(CarrierId carrier, Runnable answer) {
    execute(carrier, answer);
  }
}
