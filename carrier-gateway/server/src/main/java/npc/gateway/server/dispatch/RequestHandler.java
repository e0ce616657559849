package npc.gateway.server.dispatch;

import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.session.Session;

/**
 * Serves one kind of request for the carrier of a session. Runs on a worker thread, not the event loop, so it
 * may block on the database (unless it says it {@link #blocks() never blocks}). Returns the response with its body set (the dispatcher sets the header), or throws
 * a {@link RequestError}; a handler never changes anything before it has checked its input.
 */
public interface RequestHandler {
  Envelope.Builder handle(Session session, Envelope request);

  /** False for a handler that never blocks (it reads memory only): it runs on the event loop, saving a hand-off. */
  default boolean blocks() {
    return true;
  }
}
