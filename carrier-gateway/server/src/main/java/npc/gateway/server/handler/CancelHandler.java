package npc.gateway.server.handler;

import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** CancelRequest: the subscriber cancels through the recipient, before activation. */
public final class CancelHandler implements RequestHandler {
  private final PortingService service;

  public CancelHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    Port cancelled = Refusals.value(service.cancel(session.carrier(),
        Fields.uuid("port_id", request.getCancel().getPortId())));
    return Envelope.newBuilder().setPortStatusAck(PortStatusAck.newBuilder()
        .setPort(Messages.portStatus(cancelled, session.carrier())));
  }
}
