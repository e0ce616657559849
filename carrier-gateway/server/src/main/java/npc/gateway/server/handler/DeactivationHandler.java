package npc.gateway.server.handler;

import java.time.Instant;
import npc.core.porting.Port;
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

  /** Now; and the core is told the confirmation waits, so that the routing deadline does not name the donor meanwhile. */
  @Override
  public Instant receivedAt(Session session, Envelope request) {
    return AnswerWait.factReceived(service, session.carrier(), request.getDeactivation().getPortId(),
        Port.DEACTIVATED);
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    return handle(session, request, service.now());
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request, Instant receivedAt) {
    String portId = request.getDeactivation().getPortId();
    try {
      return Envelope.newBuilder().setPortStatusAck(PortStatusAck.newBuilder().setPort(Messages.portStatus(
          Refusals.value(service.confirmDeactivation(session.carrier(), Fields.uuid("port_id", portId), receivedAt)),
          session.carrier())));
    } finally {
      AnswerWait.factRecorded(service, session.carrier(), portId, Port.DEACTIVATED, receivedAt);
    }
  }
}
