package npc.gateway.server.session;

import io.netty.channel.Channel;

/**
 * Who is at the other end of a connection. The production resolver reads the TLS client certificate and matches
 * it to the certificate registry and the carrier registry; a connection it cannot place gets no session, with the
 * reason as a typed error.
 */
@FunctionalInterface
public interface CarrierIdentities {
  Identification identify(Channel channel);
}
