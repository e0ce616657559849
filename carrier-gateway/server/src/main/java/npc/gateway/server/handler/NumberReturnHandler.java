package npc.gateway.server.handler;

import npc.core.porting.PortingService;
import npc.core.routing.RouteChange;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.NumberReturnAck;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.session.Session;

/** NumberReturnRequest: the serving carrier gives a ported number back to its range holder. */
public final class NumberReturnHandler implements RequestHandler {
  private final PortingService service;

  public NumberReturnHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    RouteChange change = Refusals.value(service.returnNumber(session.carrier(),
        request.getNumberReturn().getMsisdn()));
    return Envelope.newBuilder().setNumberReturnAck(NumberReturnAck.newBuilder()
        .setMsisdn(change.msisdn().toString()).setPosition(change.position()));
  }
}
