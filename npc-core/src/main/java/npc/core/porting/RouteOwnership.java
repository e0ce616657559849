package npc.core.porting;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.port.PortEvent;
import npc.core.port.PortLifecycle;
import npc.core.routing.RouteChange;

/**
 * The two changes of route that are not a port's activation: a regulator-approved reversal of a port (fraud, an
 * unauthorised port), which gives the number back to the port's donor, and a number's return to its range holder
 * when its subscriber leaves the carrier that serves it. Both are write-ahead, like an activation: the row that
 * repairs their publication is written before the conditional write that moves the route ({@link RoutePublication}).
 */
final class RouteOwnership {
  private static final int MAX_RETRIES = 3;

  private final PortingParts parts;
  private final RoutePublication publication;

  RouteOwnership(PortingParts parts, RoutePublication publication) {
    this.parts = parts;
    this.publication = publication;
  }

  /**
   * Reverses a completed port. The reversal wins over a later port of the number still open: that port ends,
   * cancelled with {@link Port#ROUTE_REVERSED}, in the same conditional write (its donor no longer serves the
   * number, and its code stays spent); both its parties are told.
   */
  Result<Port> reverse(UUID portId, String approvalReference, String approvedBy) {
    Optional<Refused<Port>> bad = Guards.textProblem("approval reference", approvalReference,
        "[A-Za-z0-9._:/-]{1,64}");
    if (bad.isPresent()) {
      return bad.get();
    }
    Optional<Port> found = parts.store().port(portId);
    if (found.isEmpty()) {
      return Guards.unknownPort(portId);
    }
    Port port = found.get();
    Optional<Refused<Port>> moveRefusal = Guards.refusal(PortLifecycle.apply(port.state(), PortEvent.REVERSE));
    if (moveRefusal.isPresent()) {
      return moveRefusal.get();
    }
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      NumberState state = parts.store().number(port.msisdn());
      if (!state.servingCarrier().equals(Optional.of(port.recipient()))) {
        return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, port.msisdn() + " is no longer served by "
            + port.recipient());
      }
      Instant now = parts.now();
      Optional<Port> open = state.openPort().flatMap(parts.store()::port);
      if (state.openPort().isPresent() && open.isEmpty()) {
        continue; // a port that is opening: its row is being written
      }
      Optional<Port> cancelled = open.map(p -> p.cancelledBecause(Port.ROUTE_REVERSED, now));
      Port reversed = port.reversed(now, approvalReference);
      parts.deadlines().add(publication.repair(port.id(), port.msisdn(), now));
      if (!parts.store().reverse(port, reversed, approvedBy, state.routeVersion(), open, cancelled)) {
        continue; // the number changed meanwhile: a port opened or moved; look again
      }
      parts.memory().wrote(reversed);
      parts.events().publish(new DomainEvent.PortEnded(now, reversed));
      cancelled.ifPresent(c -> {
        parts.memory().forget(c.id());
        parts.events().publish(new DomainEvent.PortEnded(now, c));
      });
      publication.publish(port.id(), Optional.of(port.id()), port.msisdn(), Optional.of(port.donor()),
          state.routeVersion() + 1, now);
      return Result.done(reversed);
    }
    return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the number kept changing during the reversal; ask again");
  }

  /** The serving carrier gives a ported number back to its range holder (its subscriber left). */
  Result<RouteChange> returnNumber(CarrierId carrier, String number) {
    Optional<Msisdn> parsed = parts.parse(number);
    if (parsed.isEmpty()) {
      return Result.refused(RefusalCode.INVALID_NUMBER, "not a mobile number of a known block: " + number);
    }
    Msisdn msisdn = parsed.get();
    NumberState state = parts.store().number(msisdn);
    if (state.servingCarrier().isEmpty()) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, msisdn + " is with its range holder already");
    }
    if (!parts.donorOf(msisdn, state).equals(carrier)) {
      return Result.refused(RefusalCode.NOT_THE_SERVING_CARRIER, carrier + " does not serve " + msisdn);
    }
    if (state.openPort().isPresent()) {
      return Result.refused(RefusalCode.NUMBER_HAS_OPEN_PORT, msisdn + " has an open port");
    }
    Instant now = parts.now();
    long version = state.routeVersion() + 1;
    UUID changeId = RoutePublication.returnId(msisdn, version);
    parts.deadlines().add(publication.repair(changeId, msisdn, now));
    if (!parts.store().returnNumber(msisdn, carrier, state.routeVersion())) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the number changed meanwhile; ask again");
    }
    CarrierId holder = parts.regime().numbers().rangeOf(msisdn).orElseThrow().holder();
    parts.events().publish(new DomainEvent.NumberReturned(now, msisdn, carrier, holder));
    return Result.done(publication.publish(changeId, Optional.empty(), msisdn, Optional.empty(), version, now));
  }
}
