package npc.core.porting;

import npc.core.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import npc.core.carrier.CarrierId;
import npc.core.deadline.Deadline;
import npc.core.deadline.DeadlineStore;
import npc.core.event.DomainEvents;
import npc.core.identity.IdentityDigester;
import npc.core.numbering.Msisdn;
import npc.core.regime.Regime;
import npc.core.routing.RoutingLog;

/**
 * What every step of the porting service works with: the rules, the stores, the clock, and what this instance
 * remembers of the ports it wrote, and the audit trail its refusals and route changes are recorded in (its steps are
 * recorded by the store, {@code AuditingPortStore}).
 */
record PortingParts(Regime regime, PortStore store, DeadlineStore deadlines, RoutingLog routing,
    DomainEvents events, IdentityDigester identities, Clock clock, InstanceMemory memory, AuditTrail audit) {

  /**
   * The time of a step, to the millisecond: what Cassandra keeps. A step answered from memory and the same step read
   * back for a retry or a notice then say the same time, field for field.
   */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * When a carrier's request counts as given: when it was received, to the millisecond, or now if that is earlier (a
   * receipt time is never in the future).
   */
  static Instant earliest(Instant receivedAt, Instant now) {
    Instant received = receivedAt.truncatedTo(ChronoUnit.MILLIS);
    return received.isBefore(now) ? received : now;
  }

  /**
   * Whether an answer about {@code subject} received by {@code deadline} waits to run on this instance (received
   * less than {@link PortingService#ANSWER_WAIT} ago): its deadline round then waits for it. If so, the deadline is
   * put back for a round a second later.
   */
  boolean answerWaits(Deadline deadline, Instant due) {
    return holds(deadline, memory.answersWaiting.get(deadline.subject()), due);
  }

  /**
   * Whether one of the {@code missing} facts of the port of {@code deadline} (the routing deadline) was received by
   * it and waits to be recorded on this instance, as {@link #answerWaits}; if so, the deadline is put back a second.
   */
  boolean factWaits(Deadline deadline, Map<CarrierId, Set<String>> missing) {
    for (Map.Entry<CarrierId, Set<String>> carrier : missing.entrySet()) {
      for (String fact : carrier.getValue()) {
        Instant received = memory.factsWaiting.get(
            new InstanceMemory.FactWaiting(deadline.subject(), carrier.getKey(), fact));
        if (holds(deadline, received, deadline.dueAt())) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean holds(Deadline deadline, Instant received, Instant due) {
    Instant now = now();
    if (received == null || received.isAfter(due) || received.plus(PortingService.ANSWER_WAIT).isBefore(now)) {
      return false;
    }
    deadlines.add(new Deadline(now.plusSeconds(1), deadline.kind(), deadline.subject(), deadline.msisdn()));
    return true;
  }

  /** The carrier that serves the number now: the last port's recipient, or the block's holder. */
  CarrierId donorOf(Msisdn msisdn, NumberState state) {
    return state.servingCarrier().orElseGet(() -> regime.numbers().rangeOf(msisdn).orElseThrow().holder());
  }

  Optional<Msisdn> parse(String number) {
    return regime.numbers().parse(number);
  }
}
