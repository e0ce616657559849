package npc.core.porting;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.port.PortEvent;
import npc.core.port.PortLifecycle;
import npc.core.port.PortState;

/**
 * After activation: each carrier acknowledges the route change, the donor confirms deactivation, and the port
 * completes when every fact is in; those missing at the routing deadline are named as laggards, with the facts they
 * missed (npc-core's README, "Completion").
 */
final class Completion {
  private final PortingParts parts;

  Completion(PortingParts parts) {
    this.parts = parts;
  }

  /**
   * Records a carrier's fact about an activated port ({@link Port#ACK} or {@link Port#DEACTIVATED}); returns the port
   * as this instance last saw it, or as the fact completed it.
   */
  Result<Port> record(CarrierId carrier, UUID portId, String fact, Instant receivedAt) {
    Optional<Refused<Port>> refusal = Guards.participant(parts.regime(), carrier);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    // A fact checks only what activation fixed for good (the port exists, was activated, who its donor is), so a
    // port this instance knows activated needs no read.
    Optional<Port> found = parts.memory().portIn(parts.store(), portId, PortState.ACTIVATED);
    if (found.isEmpty()) {
      return Guards.unknownPort(portId);
    }
    Port port = found.get();
    if (fact.equals(Port.DEACTIVATED) && !port.donor().equals(carrier)) {
      new Refusals(parts).notAParty(carrier, port.id(), port.msisdn(), RefusalCode.UNKNOWN_PORT,
          port.activatedAt().orElse(port.donorDeadline()).plus(parts.regime().routingAck()));
      return Guards.unknownPort(portId);
    }
    if (port.activatedAt().isEmpty()) {
      return Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port has not been activated");
    }
    if (port.state() == PortState.ACTIVATED) {
      parts.memory().ports.put(portId, port);
    }
    Instant now = parts.now();
    Instant given = PortingParts.earliest(receivedAt, now);
    parts.store().recordFact(portId, fact, carrier, given);
    parts.events().publish(new DomainEvent.PortFactRecorded(given, portId, carrier, fact));
    if (port.state() != PortState.ACTIVATED) {
      return Result.done(port);
    }
    // The last fact completes the port. When this instance recorded every fact, it knows without a read; when
    // it did not, other instances may have recorded the rest, and the next round reads the port's facts once
    // (rather than once per fact: most facts of a port arrive within the same second).
    boolean[] allKnown = new boolean[1];
    parts.memory().facts.compute(portId, (id, facts) -> { // under the map's lock, like every access to its facts
      Map<String, Set<CarrierId>> more = facts == null ? new HashMap<>() : facts;
      more.computeIfAbsent(fact, f -> new HashSet<>()).add(carrier);
      allKnown[0] = missing(port, more).isEmpty();
      return more;
    });
    if (!allKnown[0]) {
      parts.memory().completionChecks.add(portId);
      return Result.done(port);
    }
    return Result.done(complete(port, now));
  }

  /**
   * Reads the facts of the ports this instance recorded a fact of without seeing them complete, and completes those
   * whose facts are all in (recorded here or by other instances).
   */
  void checkCompletions() {
    for (UUID portId : List.copyOf(parts.memory().completionChecks)) {
      parts.memory().completionChecks.remove(portId);
      Optional<Port> port = parts.memory().portIn(parts.store(), portId, PortState.ACTIVATED)
          .filter(p -> p.state() == PortState.ACTIVATED);
      if (port.isEmpty()) {
        parts.memory().forget(portId);
        continue;
      }
      if (missing(port.get(), parts.store().facts(portId)).isEmpty()) {
        complete(port.get(), parts.now());
      }
    }
  }

  /** The routing deadline passed: the port completes, naming the carriers whose facts are missing. */
  void onDeadline(Deadline deadline) {
    Optional<Port> found = parts.store().port(deadline.subject());
    if (found.isEmpty() || found.get().state() != PortState.ACTIVATED) {
      return;
    }
    Port port = found.get();
    Instant now = parts.now();
    Map<CarrierId, Set<String>> laggards = missing(port, parts.store().facts(port.id()));
    if (laggards.isEmpty()) { // the instance that recorded the last fact stopped before its check
      complete(port, now);
      return;
    }
    if (parts.factWaits(deadline, laggards)) {
      return; // a fact received by the deadline waits to be recorded: a round a second later decides
    }
    PortState next = PortLifecycle.next(port.state(), PortEvent.ACK_DEADLINE_PASSED).orElseThrow();
    Port ended = port.ended(next, now, laggards);
    parts.memory().forget(port.id());
    if (parts.store().transition(port, ended)) {
      parts.events().publish(new DomainEvent.LaggardsNamed(now, port.id(), ended.laggards()));
      parts.events().publish(new DomainEvent.PortEnded(now, ended));
    }
  }

  /**
   * The facts each carrier still owes: an acknowledgement from every carrier expected to acknowledge, and the
   * donor's deactivation (a donor that has not deactivated still serves the subscriber: calls stay on its network).
   */
  private static Map<CarrierId, Set<String>> missing(Port port, Map<String, Set<CarrierId>> facts) {
    Map<CarrierId, Set<String>> missing = new HashMap<>();
    Set<CarrierId> acknowledged = facts.getOrDefault(Port.ACK, Set.of());
    for (CarrierId carrier : port.ackExpected()) {
      if (!acknowledged.contains(carrier)) {
        missing.computeIfAbsent(carrier, c -> new HashSet<>()).add(Port.ACK);
      }
    }
    if (!facts.getOrDefault(Port.DEACTIVATED, Set.of()).contains(port.donor())) {
      missing.computeIfAbsent(port.donor(), c -> new HashSet<>()).add(Port.DEACTIVATED);
    }
    return missing;
  }

  /** Completes an activated port whose facts are all in; returns it as completed, or as it is if that failed. */
  private Port complete(Port port, Instant now) {
    Port completed = port.ended(PortLifecycle.next(port.state(), PortEvent.ALL_ACKNOWLEDGED).orElseThrow(), now,
        Map.of());
    parts.memory().forget(port.id());
    if (parts.store().transition(port, completed)) {
      parts.events().publish(new DomainEvent.PortEnded(now, completed));
      return completed;
    }
    return parts.store().port(port.id()).orElseThrow();
  }
}
