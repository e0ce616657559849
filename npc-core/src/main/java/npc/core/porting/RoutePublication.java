package npc.core.porting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.Carrier;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.audit.AuditTrail;
import npc.core.audit.PortSteps;
import npc.core.audit.StepRow;
import npc.core.carrier.CarrierId;
import npc.core.carrier.RoutingNumber;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;
import npc.core.routing.RouteChange;

/**
 * Puts route changes in the routing log, and repairs a change whose conditional write applied while its instance
 * stopped before the log had it. Every change of route (an activation, a reversal, a number's return) is made
 * write-ahead: a {@link Deadline.Kind#PUBLISH_ROUTE} row is written before the conditional write that moves the
 * route, and when it falls due any instance appends the number's current route to the log unless it is there
 * already. So the routing log and the routing database cannot disagree for longer than {@link #REPAIR_DELAY}.
 */
final class RoutePublication {
  /** A route change not published by the instance that made it is published by any other after this. */
  static final Duration REPAIR_DELAY = Duration.ofSeconds(30);

  private final PortingParts parts;

  RoutePublication(PortingParts parts) {
    this.parts = parts;
  }

  /** The row that repairs the change named {@code changeId}; written before the write that moves the route. */
  Deadline repair(UUID changeId, Msisdn msisdn, Instant now) {
    return new Deadline(now.plus(REPAIR_DELAY), Deadline.Kind.PUBLISH_ROUTE, changeId, msisdn.toString());
  }

  /** The id of the change that gives a number back to its range holder at {@code version}. */
  static UUID returnId(Msisdn msisdn, long version) {
    return UUID.nameUUIDFromBytes(("return\u0000" + msisdn + "\u0000" + version).getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the number's new route at {@code version} to the log and announces it. */
  RouteChange publish(UUID changeId, Optional<UUID> portId, Msisdn msisdn, Optional<CarrierId> carrier, long version,
      Instant now) {
    Optional<RoutingNumber> routingNumber = carrier.flatMap(parts.regime().carriers()::find)
        .map(Carrier::routingNumber);
    AuditStep step = AuditStep.of(PortSteps.fixedId("route", changeId.toString(), Long.toString(version)),
            AuditKind.ROUTE_CHANGED, now).about(portId.orElse(changeId).toString(), msisdn.toString())
        .with("routingNumber", routingNumber.map(RoutingNumber::toString).orElse(""))
        .with("routeVersion", Long.toString(version)).withRow(new StepRow.RouteRow(changeId, version));
    // Not sent after the intent by the driver's thread (WriteSteps): the log writes the changes of every caller
    // waiting at once, on one caller's thread, so each caller waits for its intent before it queues its change.
    AuditTrail.await(parts.audit().intend(step));
    RouteChange change;
    try {
      change = parts.routing().append(new RouteChange(0, msisdn, carrier, routingNumber, version, portId, now));
      parts.routing().markPublished(changeId, version, change.position());
    } catch (RuntimeException e) {
      parts.audit().undecided(step); // its intent stays open: a sweep finds the change in the log by its id, or not
      throw e;
    }
    parts.audit().applied(step.with("logPosition", Long.toString(change.position())));
    parts.events().publish(new DomainEvent.RouteChanged(now, change));
    return change;
  }

  /**
   * A repair row fell due: if the number's route is still the one the change named by the row made, and the log
   * does not have it, the instance that made it stopped before publishing: publish it now.
   */
  void onRepair(Deadline deadline) {
    Msisdn msisdn = parts.parse(deadline.msisdn()).orElseThrow();
    NumberState state = parts.store().number(msisdn);
    long version = state.routeVersion();
    if (version == 0 || parts.routing().isPublished(deadline.subject(), version)) {
      return;
    }
    Instant now = parts.now();
    if (state.servingCarrier().isEmpty()) {
      if (deadline.subject().equals(returnId(msisdn, version))) {
        publish(deadline.subject(), Optional.empty(), msisdn, Optional.empty(), version, now);
      }
      return;
    }
    Optional<Port> found = parts.store().port(deadline.subject());
    if (found.isEmpty()) {
      return;
    }
    Port port = found.get();
    CarrierId serving = state.servingCarrier().get();
    if (port.state() == PortState.ACTIVATED && serving.equals(port.recipient())) {
      parts.events().publish(new DomainEvent.PortActivated(now, port));
      publish(port.id(), Optional.of(port.id()), msisdn, Optional.of(serving), version, now);
    } else if (port.state() == PortState.REVERSED && serving.equals(port.donor())) {
      publish(port.id(), Optional.of(port.id()), msisdn, Optional.of(serving), version, now);
    }
  }
}
