package npc.simulator.run;

import npc.gateway.protocol.v1.SubscriberIdentity;
import npc.gateway.protocol.v1.SubscriberType;
import npc.simulator.model.Draws;

/**
 * A subscriber's identity, derived from its index and the seed: the same in its code request, its queries and its
 * ports, so that a code matches, and never stored.
 */
final class Identities {

  private Identities() {}

  static SubscriberIdentity of(int subscriber, long seed) {
    long digits = Math.floorMod(Draws.hash(seed, Draws.key("id_number"), subscriber), 1_000_000_000_000_000L);
    return SubscriberIdentity.newBuilder()
        .setName("Subscriber " + subscriber)
        .setIdNumber(String.format("S%017d", digits))
        .build();
  }

  static SubscriberType type(boolean corporate) {
    return corporate ? SubscriberType.SUBSCRIBER_TYPE_CORPORATE : SubscriberType.SUBSCRIBER_TYPE_INDIVIDUAL;
  }
}
