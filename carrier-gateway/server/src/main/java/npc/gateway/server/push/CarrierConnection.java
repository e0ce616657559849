package npc.gateway.server.push;

import io.netty.channel.Channel;
import java.util.function.Consumer;
import npc.gateway.server.dispatch.Pushers;
import npc.gateway.protocol.v1.NotificationAck;
import npc.gateway.protocol.v1.RoutingAck;
import npc.gateway.protocol.v1.RoutingSubscribe;
import npc.gateway.server.session.Session;

/**
 * An open session and its two pushers: the carrier's notices (shared by its connections here) and this connection's
 * routing stream.
 */
public final class CarrierConnection implements Pushers.Pusher {
  private final Channel channel;
  private final Session session;
  private final NoticePusher notices;
  private final RoutingStream routing;
  private final Consumer<CarrierConnection> onSubscribed;
  private final Consumer<CarrierConnection> onClose;

  CarrierConnection(Channel channel, Session session, NoticePusher notices, RoutingStream routing,
      Consumer<CarrierConnection> onSubscribed, Consumer<CarrierConnection> onClose) {
    this.channel = channel;
    this.session = session;
    this.notices = notices;
    this.routing = routing;
    this.onSubscribed = onSubscribed;
    this.onClose = onClose;
  }

  public Channel channel() {
    return channel;
  }

  public Session session() {
    return session;
  }

  RoutingStream routing() {
    return routing;
  }

  @Override
  public void acknowledge(NotificationAck ack) {
    notices.acknowledge(ack);
  }

  @Override
  public boolean acknowledge(RoutingAck ack) {
    return routing.acknowledge(ack);
  }

  @Override
  public void subscribe(String correlationId, RoutingSubscribe subscribe) {
    routing.subscribe(correlationId, subscribe);
    onSubscribed.accept(this); // only once admitted: a refused subscribe leaves the carrier's stream where it was
  }

  /** Look for something to push: new notices, new routing changes, room in the channel again. */
  @Override
  public void wake() {
    notices.wake();
    routing.wake();
  }

  @Override
  public void close() {
    onClose.accept(this);
  }
}
