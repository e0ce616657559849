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
}
