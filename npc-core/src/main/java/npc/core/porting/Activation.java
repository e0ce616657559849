package npc.core.porting;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.port.PortState;

/**
 * An accepted port is scheduled for the regime's activation time; at that time its route changes, in the same
 * conditional write as its state, and the change goes into the routing log.
 */
final class Activation {
  private final PortingParts parts;
  private final RoutePublication publication;

  Activation(PortingParts parts, RoutePublication publication) {
    this.parts = parts;
    this.publication = publication;
  }

  /** Schedules an accepted port; returns it as scheduled, or as it is if another instance moved it first. */
  Port schedule(Port accepted, Instant activation, Instant now) {
    Port scheduled = accepted.scheduled(activation);
    if (parts.store().transition(accepted, scheduled)) {
      parts.memory().wrote(scheduled);
      parts.events().publish(new DomainEvent.PortScheduled(now, scheduled));
      return scheduled;
    }
    return parts.store().port(accepted.id()).orElseThrow();
  }

  /** The activation time of a port came (or, for a port accepted and never scheduled, its activation row). */
  void onActivationTime(Deadline deadline) {
    Optional<Port> found = parts.memory().portIn(parts.store(), deadline.subject(), PortState.SCHEDULED);
    if (found.isEmpty()) {
      return;
    }
    Port port = found.get();
    Instant now = parts.now();
    if (port.state() == PortState.ACCEPTED || port.state() == PortState.DEEMED_ACCEPTED) {
      // The instance that accepted stopped before scheduling, and maybe before telling anyone: publish the answer
      // (again, perhaps; consumers drop duplicates by port and state), then schedule at this deadline's time.
      parts.events().publish(new DomainEvent.DonorAnswered(now, port, port.deemed()));
      port = schedule(port, deadline.dueAt(), now);
    }
    if (port.state() != PortState.SCHEDULED || now.isBefore(port.activationAt().orElseThrow())) {
      return;
    }
    parts.deadlines().addAll(List.of(
        new Deadline(now.plus(parts.regime().routingAck()), Deadline.Kind.ROUTING_ACK, port.id(),
            port.msisdn().toString()),
        publication.repair(port.id(), port.msisdn(), now)));
    Port activated = port.activated(now, new HashSet<>(parts.regime().carriers().participants()));
    Long remembered = parts.memory().routeVersions.get(port.id());
    long version = remembered != null ? remembered : parts.store().number(port.msisdn()).routeVersion();
    boolean applied = parts.store().activate(port, activated, version);
    if (!applied && remembered != null) {
      // What this instance remembered no longer holds (the port moved on elsewhere, or the route did): read both.
      parts.memory().routeVersions.remove(port.id());
      parts.memory().ports.remove(port.id());
      onActivationTime(deadline);
      return;
    }
    if (applied) {
      parts.memory().wrote(activated);
      parts.events().publish(new DomainEvent.PortActivated(now, activated));
      publication.publish(activated.id(), Optional.of(activated.id()), activated.msisdn(),
          Optional.of(activated.recipient()), version + 1, now);
    }
  }
}
