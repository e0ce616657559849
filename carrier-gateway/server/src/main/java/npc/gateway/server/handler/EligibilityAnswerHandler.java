package npc.gateway.server.handler;

import java.time.Instant;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.EligibilityAnswer;
import npc.gateway.protocol.v1.EligibilityAnswerAccepted;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.session.Session;

/** EligibilityAnswer: the donor's answer, each reason checked against the closed list. */
public final class EligibilityAnswerHandler implements RequestHandler {
  private final PortingService service;

  public EligibilityAnswerHandler(PortingService service) {
    this.service = service;
  }

  /** Now; and the core is told the answer waits, so that no deadline round closes its subject meanwhile. */
  @Override
  public Instant receivedAt(Session session, Envelope request) {
    return AnswerWait.received(service, request.getEligibilityAnswer().getQueryId());
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
      AnswerWait.ran(service, request.getEligibilityAnswer().getQueryId(), receivedAt);
    }
  }

  private Envelope.Builder answer(Session session, Envelope request, Instant receivedAt) {
    EligibilityAnswer answer = request.getEligibilityAnswer();
    Refusals.value(service.answerEligibility(session.carrier(), Fields.uuid("query_id", answer.getQueryId()),
        Fields.reasons(answer.getReasonsList()), answer.getWarningsList(), receivedAt));
    return Envelope.newBuilder().setEligibilityAnswerAccepted(EligibilityAnswerAccepted.newBuilder()
        .setQueryId(answer.getQueryId()));
  }
}
