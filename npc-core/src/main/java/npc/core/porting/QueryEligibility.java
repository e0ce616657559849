package npc.core.porting;

import java.util.Objects;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;

/**
 * A carrier's eligibility query (CN: CXXZ) for one number, on behalf of the subscriber who asked.
 *
 * @param asker          the carrier asking; the gateway takes it from the client certificate
 * @param number         the number as written by the subscriber
 * @param subscriberType individual or corporate: the donor's answer is checked against the closed list for it
 * @param subscriber     the subscriber's identity: digested, and sealed for the donor only until the query closes
 */
public record QueryEligibility(CarrierId asker, String number, SubscriberType subscriberType,
    SubscriberIdentity subscriber) {
  public QueryEligibility {
    Objects.requireNonNull(asker, "asker");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(subscriberType, "subscriberType");
    Objects.requireNonNull(subscriber, "subscriber");
  }
}
