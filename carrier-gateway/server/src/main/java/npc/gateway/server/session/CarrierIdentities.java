package npc.gateway.server.session;

import io.netty.channel.Channel;
import java.util.Optional;
import npc.core.carrier.CarrierId;

/**
 * Who is at the other end of a connection. The production resolver reads the TLS client certificate and matches
 * it to the carrier registry; a connection it cannot place gets no session.
 */
@FunctionalInterface
public interface CarrierIdentities {
  Optional<CarrierId> carrierOf(Channel channel);
}
