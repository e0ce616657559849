package npc.gateway.server.handler;

import npc.core.numbering.NumberPlan;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.PortingService;
import npc.core.porting.QueryEligibility;
import npc.core.porting.SubscriberType;
import npc.core.routing.RoutingDatabase;
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
  private final PendingQueries pending;
  private final NumberPlan plan;
  private final RoutingDatabase routes;

  /**
   * @param pending the queries each carrier has pending toward each donor, bounded
   * @param routes this instance's routing database, which names the donor before anything is written
   */
  public EligibilityQueryHandler(PortingService service, PendingQueries pending, NumberPlan plan,
      RoutingDatabase routes) {
    this.service = service;
    this.pending = pending;
    this.plan = plan;
    this.routes = routes;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    EligibilityQueryRequest asked = request.getEligibilityQuery();
    SubscriberType type = Messages.subscriberType(asked.getSubscriberType())
        .orElseThrow(() -> RequestError.invalid("subscriber_type must be INDIVIDUAL or CORPORATE"));
    if (!asked.hasSubscriber()) {
      throw RequestError.invalid("subscriber is required: the name and id_number of the subscriber who asked");
    }
    plan.parse(asked.getMsisdn()).flatMap(routes::servingCarrier)
        .filter(donor -> !donor.equals(session.carrier()))
        .ifPresent(donor -> pending.admit(session.carrier(), donor));
    EligibilityQuery query = Refusals.value(service.queryEligibility(new QueryEligibility(session.carrier(),
        asked.getMsisdn(), type, Fields.subscriber(asked.getSubscriber()))));
    return Envelope.newBuilder().setEligibilityQueryAccepted(EligibilityQueryAccepted.newBuilder()
        .setQueryId(query.id().toString())
        .setDonor(query.donor().value())
        .setDeadline(Messages.timestamp(query.deadline())));
  }
}
