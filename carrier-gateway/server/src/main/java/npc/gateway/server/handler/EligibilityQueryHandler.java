package npc.gateway.server.handler;

import npc.core.porting.EligibilityQuery;
import npc.core.porting.PortingService;
import npc.core.porting.QueryEligibility;
import npc.core.porting.SubscriberType;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.EligibilityQueryRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestError;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** EligibilityQueryRequest: the query, naming its subscriber, goes to the number's donor. */
public final class EligibilityQueryHandler implements RequestHandler {
  private final PortingService service;

  public EligibilityQueryHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    EligibilityQueryRequest asked = request.getEligibilityQuery();
    SubscriberType type = Messages.subscriberType(asked.getSubscriberType())
        .orElseThrow(() -> RequestError.invalid("subscriber_type must be INDIVIDUAL or CORPORATE"));
    if (!asked.hasSubscriber()) {
      throw RequestError.invalid("subscriber is required: the name and id_number of the subscriber who asked");
    }
    EligibilityQuery query = Refusals.value(service.queryEligibility(new QueryEligibility(session.carrier(),
        asked.getMsisdn(), type, Fields.subscriber(asked.getSubscriber()))));
    return Envelope.newBuilder().setEligibilityQueryAccepted(EligibilityQueryAccepted.newBuilder()
        .setQueryId(query.id().toString())
        .setDonor(query.donor().value())
        .setDeadline(Messages.timestamp(query.deadline())));
  }
}
