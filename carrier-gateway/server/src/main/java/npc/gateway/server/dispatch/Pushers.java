package npc.gateway.server.dispatch;

import io.netty.channel.Channel;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.server.session.Session;

/** What pushes to the carrier of each open session, seen from the dispatcher. */
public interface Pushers {
  /** Starts pushing to a session that just passed its handshake. */
  Pusher open(Channel channel, Session session);

  /** One session's pushers. */
  interface Pusher {
    /** The carrier acknowledged notices. Called on the event loop: must not block. */
    void acknowledge(NotificationAck ack);

    /**
     * The carrier applied the routing log up to a position. Called on the event loop: must not block.
     *
     * @return false when this connection never sent that position: nothing is recorded, and the carrier is told
     */
    boolean acknowledge(RoutingAck ack);

    /** The carrier (re)starts its routing stream; the answer carries {@code correlationId}. */
    void subscribe(String correlationId, RoutingSubscribe subscribe);

    /** Look for something to push: the channel became writable again. */
    void wake();

    /** The session closed. */
    void close();
  }
}
