package npc.gateway.server.handler;

import java.time.Instant;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.PortStatusAck;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** DeactivationConfirm: the donor no longer serves the subscriber on its network. */
public final class DeactivationHandler implements RequestHandler {
  private final PortingService service;

  public DeactivationHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Instant receivedAt(Envelope request) {
    return service.now();
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    return handle(session, request, service.now());
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request, Instant receivedAt) {
    return Envelope.newBuilder().setPortStatusAck(PortStatusAck.newBuilder().setPort(Messages.portStatus(
        Refusals.value(service.confirmDeactivation(session.carrier(),
            Fields.uuid("port_id", request.getDeactivation().getPortId()), receivedAt)), session.carrier())));
  }
}
