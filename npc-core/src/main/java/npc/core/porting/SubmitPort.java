package npc.core.porting;

import java.util.Objects;
import npc.core.carrier.CarrierId;
import npc.core.identity.SubscriberIdentity;

/**
 * A recipient's port-in request for one number.
 *
 * @param recipient      the carrier asking; the gateway takes it from the client certificate
 * @param idempotencyKey chosen by the recipient, 1-64 characters; a retry with it gets the first answer
 * @param number         the number as written by the subscriber
 * @param orderId        groups the numbers of one order (a company moving all its lines); each keeps its outcome
 * @param channel        where the request came from (outlet id, app, SMS), for the audit
 * @param subscriberType individual or corporate
 * @param subscriber     the subscriber's identity, digested at once and never stored
 * @param code           the authorisation code the subscriber received
 */
public record SubmitPort(CarrierId recipient, String idempotencyKey, String number, String orderId, String channel,
    SubscriberType subscriberType, SubscriberIdentity subscriber, String code) {
  public SubmitPort {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subscriberType, "subscriberType");
    Objects.requireNonNull(subscriber, "subscriber");
  }
}
