package npc.gateway.server.dispatch;

import java.time.Instant;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.session.Session;

/**
 * Serves one kind of request for the carrier of a session. Runs on a worker thread, not the event loop, so it
 * may block on the database (unless it says it {@link #blocks() never blocks}). Returns the response with its body set (the dispatcher sets the header), or throws
 * a {@link RequestError}; a handler never changes anything before it has checked its input.
 */
public interface RequestHandler {
  Envelope.Builder handle(Session session, Envelope request);

  /**
   * The moment a request counts as given: taken by the dispatcher on the event loop as the request is read, before
   * it waits for a worker, by the clearinghouse's clock; null (the default) for requests no deadline judges. An
   * answer due by a deadline is judged by it, so a carrier is never late for the time its answer waited on the
   * clearinghouse (a flood, a slow database). A handler may also tell the core that the answer waits, so that a
   * deadline round does not close its subject meanwhile. A request with a receipt time is an answer, and runs before
   * the carrier's new requests ({@link CarrierExecutor#executeAnswer}). Never blocks: it runs on the event loop.
   */
  default Instant receivedAt(Session session, Envelope request) {
    return null;
  }

  /** {@link #handle(Session, Envelope)} with the moment {@link #receivedAt} gave when the request was read. */
  default Envelope.Builder handle(Session session, Envelope request, Instant receivedAt) {
    return handle(session, request);
  }

  /** False for a handler that never blocks (it reads memory only): it runs on the event loop, saving a hand-off. */
  default boolean blocks() {
    return true;
  }
}
