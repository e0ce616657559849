package npc.gateway.server.handler;

import npc.core.porting.IssuedCode;
import npc.core.porting.PortingService;
import npc.gateway.protocol.v1.AuthorisationCodeIssued;
import npc.gateway.protocol.v1.AuthorisationCodeRequest;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.server.dispatch.Refusals;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.Messages;
import npc.gateway.server.session.Session;

/** AuthorisationCodeRequest: a code for the subscriber of a number the carrier serves, shown this once. */
public final class CodeRequestHandler implements RequestHandler {
  private final PortingService service;

  public CodeRequestHandler(PortingService service) {
    this.service = service;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    AuthorisationCodeRequest ask = request.getCodeRequest();
    IssuedCode code = Refusals.value(service.issueCode(session.carrier(), ask.getMsisdn(),
        Fields.subscriber(ask.getSubscriber())));
    return Envelope.newBuilder().setCodeIssued(AuthorisationCodeIssued.newBuilder()
        .setMsisdn(code.msisdn().toString())
        .setCode(code.code())
        .setExpiresAt(Messages.timestamp(code.expiresAt())));
  }
}
