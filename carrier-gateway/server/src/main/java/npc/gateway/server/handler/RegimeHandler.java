package npc.gateway.server.handler;

import npc.core.regime.Regime;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.RegimeInfo;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.message.RegimeInfos;
import npc.gateway.server.session.Session;

/**
 * RegimeRequest: the rules in force, so that a carrier need not hard-code them. The regime does not change while
 * the server runs, so the answer is built once; it is memory only and answered on the event loop.
 */
public final class RegimeHandler implements RequestHandler {
  private final RegimeInfo info;

  public RegimeHandler(Regime regime) {
    this.info = RegimeInfos.of(regime);
  }

  /** The same answer for every carrier: the regime is public to the participants. */
  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    return Envelope.newBuilder().setRegimeInfo(info);
  }

  @Override
  public boolean blocks() {
    return false;
  }
}
