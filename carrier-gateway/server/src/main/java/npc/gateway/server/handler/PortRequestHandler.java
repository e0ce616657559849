package npc.gateway.server.handler;

import npc.core.porting.PortOutcome;
import npc.core.porting.PortingService;
import npc.core.porting.SubmitPort;
import npc.gateway.protocol.v1.ClearinghouseRejection;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.PortOpened;
import npc.gateway.protocol.v1.PortRequest;
import npc.gateway.protocol.v1.PortRequestAck;
import npc.gateway.protocol.v1.RejectionCode;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestError;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** PortRequest: the recipient's port-in request; opened and with its donor, or rejected by the clearinghouse. */
public final class PortRequestHandler implements RequestHandler {
  private final PortingService service;

  public PortRequestHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    PortRequest port = request.getPortRequest();
    npc.core.porting.SubscriberType type = Messages.subscriberType(port.getSubscriberType())
        .orElseThrow(() -> RequestError.invalid("subscriber_type must be INDIVIDUAL or CORPORATE"));
    PortOutcome outcome = Refusals.value(service.submit(new SubmitPort(session.carrier(), port.getIdempotencyKey(),
        port.getMsisdn(), port.getOrderId(), port.getChannel(), type, Fields.subscriber(port.getSubscriber()),
        port.getAuthorisationCode())));
    PortRequestAck.Builder ack = PortRequestAck.newBuilder();
    if (outcome instanceof PortOutcome.Opened opened) {
      ack.setPortId(opened.portId().toString()).setOpened(PortOpened.newBuilder()
          .setDonor(opened.port().donor().value())
          .setDonorDeadline(Messages.timestamp(opened.port().donorDeadline())));
    } else if (outcome instanceof PortOutcome.RejectedByClearinghouse rejected) {
      ack.setPortId(rejected.portId().toString()).setRejected(ClearinghouseRejection.newBuilder()
          .setCode(RejectionCode.valueOf("REJECTION_CODE_" + rejected.code().name()))
          .setDetail(rejected.detail()));
    }
    return Envelope.newBuilder().setPortRequestAck(ack);
  }
}
