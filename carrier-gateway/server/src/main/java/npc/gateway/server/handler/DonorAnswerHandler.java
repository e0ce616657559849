package npc.gateway.server.handler;

import java.time.Instant;
import java.util.UUID;
import npc.core.porting.DonorAnswer;
import npc.core.porting.Port;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.DonorAnswerAck;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestError;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** DonorAnswer: accept, or reject with one reason of the closed list and its evidence; only from the donor. */
public final class DonorAnswerHandler implements RequestHandler {
  private final PortingService service;

  public DonorAnswerHandler(PortingService service) {
    this.service = service;
  }

  /** Now; and the core is told the answer waits, so that no deadline round closes its subject meanwhile. */
  @Override
  public Instant receivedAt(Session session, Envelope request) {
    return AnswerWait.received(service, request.getDonorAnswer().getPortId());
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    return handle(session, request, service.now());
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request, Instant receivedAt) {
    try {
      return answer(session, request, receivedAt);
    } finally {
      AnswerWait.ran(service, request.getDonorAnswer().getPortId(), receivedAt);
    }
  }

  private Envelope.Builder answer(Session session, Envelope request, Instant receivedAt) {
    npc.gateway.protocol.v1.DonorAnswer answer = request.getDonorAnswer();
    UUID portId = Fields.uuid("port_id", answer.getPortId());
    DonorAnswer decision = switch (answer.getDecisionCase()) {
      case ACCEPT -> new DonorAnswer.Accept(session.carrier(), portId, answer.getWarningsList());
      case REJECT -> new DonorAnswer.Reject(session.carrier(), portId, answer.getReject().getCode(),
          answer.getReject().getEvidenceMap(), answer.getWarningsList());
      case DECISION_NOT_SET -> throw RequestError.invalid("a DonorAnswer accepts or rejects");
    };
    Port port = Refusals.value(service.answer(decision, receivedAt));
    return Envelope.newBuilder().setDonorAnswerAck(DonorAnswerAck.newBuilder().setPort(Messages.portStatus(port, session.carrier())));
  }
}
