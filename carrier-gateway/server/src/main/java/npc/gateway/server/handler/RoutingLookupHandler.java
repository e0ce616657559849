package npc.gateway.server.handler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberPlan;
import npc.core.routing.RoutingDatabase;
import npc.gateway.protocol.v1.Envelope;
import npc.gateway.protocol.v1.ErrorCode;
import npc.gateway.protocol.v1.LookupResult;
import npc.gateway.protocol.v1.RoutingLookupRequest;
import npc.gateway.protocol.v1.RoutingLookupResponse;
import npc.gateway.server.dispatch.RequestError;
import npc.gateway.server.dispatch.RequestHandler;
import npc.gateway.server.session.Session;

/**
 * RoutingLookupRequest: who serves each number, from this instance's in-memory routing database. It follows the
 * routing log within the gateway's catch-up interval; the routing stream is the authority on order.
 */
public final class RoutingLookupHandler implements RequestHandler {
  /** The most numbers one request may ask about. */
  public static final int MAX_NUMBERS = 1_000;

  private final NumberPlan plan;
  private final RoutingDatabase routes;

  public RoutingLookupHandler(NumberPlan plan, RoutingDatabase routes) {
    this.plan = plan;
    this.routes = routes;
  }

  @Override
  public Envelope.Builder handle(Session session, Envelope request) {
    RoutingLookupRequest lookup = request.getRoutingLookup();
    if (lookup.getMsisdnsCount() > MAX_NUMBERS) {
      throw new RequestError(413, ErrorCode.TOO_MANY_NUMBERS, "at most " + MAX_NUMBERS + " numbers a request, not "
          + lookup.getMsisdnsCount());
    }
    List<String> texts = lookup.getMsisdnsList();
    List<Msisdn> valid = new ArrayList<>(texts.size());
    List<Optional<Msisdn>> parsed = new ArrayList<>(texts.size());
    for (String text : texts) {
      Optional<Msisdn> msisdn = plan.parse(text);
      msisdn.ifPresent(valid::add);
      parsed.add(msisdn);
    }
    Iterator<Optional<RoutingDatabase.Served>> served = routes.served(valid).iterator();
    RoutingLookupResponse.Builder response = RoutingLookupResponse.newBuilder();
    for (int i = 0; i < texts.size(); i++) {
      LookupResult.Builder result = response.addResultsBuilder().setMsisdn(texts.get(i));
      if (parsed.get(i).isPresent()) {
        served.next().ifPresent(s -> result.setValid(true).setCarrier(s.carrier().id().value())
            .setRoutingNumber(s.carrier().routingNumber().value()).setPorted(s.ported()));
      }
    }
    return Envelope.newBuilder().setRoutingLookupResponse(response);
  }

  @Override
  public boolean blocks() {
    return false;
  }
}
