package npc.gateway.server.handler;

import npc.core.porting.EligibilityQuery;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.EligibilityQueryAccepted;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** EligibilityQueryRequest: the query goes to the number's donor. */
public final class EligibilityQueryHandler implements RequestHandler {
  private final PortingService service;

  public EligibilityQueryHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    EligibilityQuery query = Refusals.value(service.queryEligibility(session.carrier(),
        request.getEligibilityQuery().getMsisdn()));
    return Envelope.newBuilder().setEligibilityQueryAccepted(EligibilityQueryAccepted.newBuilder()
        .setQueryId(query.id().toString())
        .setDonor(query.donor().value())
        .setDeadline(Messages.timestamp(query.deadline())));
  }
}
