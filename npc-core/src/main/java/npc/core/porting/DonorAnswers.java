package npc.core.porting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.deadline.Deadline;
import npc.core.event.DomainEvent;
import npc.core.port.PortEvent;
import npc.core.port.PortLifecycle;
import npc.core.port.PortState;

/**
 * The donor's answer to a port: only the donor answers, only while the port waits for it, only before the deadline,
 * only with a reason of the closed list and evidence that holds together. Silence past the deadline is deemed
 * acceptance (MIIT 2019), recorded as such on the port.
 */
final class DonorAnswers {
  private final PortingParts parts;
  private final ClosedList closedList;
  private final Activation activation;
  private final Refusals refusals;

  DonorAnswers(PortingParts parts, ClosedList closedList, Activation activation) {
    this.parts = parts;
    this.closedList = closedList;
    this.activation = activation;
    this.refusals = new Refusals(parts);
  }

  Result<Port> answer(DonorAnswer answer, Instant receivedAt) {
    Optional<Port> found = parts.memory().portIn(parts.store(), answer.portId(), PortState.PENDING_DONOR);
    if (found.isEmpty() || !found.get().donor().equals(answer.donor())) {
      found.ifPresent(p -> refusals.notAParty(answer.donor(), p.id(), p.msisdn(), RefusalCode.UNKNOWN_PORT,
          p.donorDeadline()));
      return Guards.unknownPort(answer.portId());
    }
    Port port = found.get();
    if (repeats(port, answer)) {
      return Result.done(port);
    }
    Instant now = parts.now();
    Instant given = PortingParts.earliest(receivedAt, now);
    // Received past the deadline the answer is late whether or not a deadline round has deemed the port accepted
    // yet: one answer for both, so that a carrier cannot tell the rounds' timing from it.
    if (port.deemed() || (port.state() == PortState.PENDING_DONOR && given.isAfter(port.donorDeadline()))) {
      refusals.afterDeadline(answer.donor(), port.id(), port.msisdn(), port.donorDeadline());
      return Result.refused(RefusalCode.DEADLINE_PASSED, "the answer was due at " + port.donorDeadline()
          + "; silence is deemed acceptance");
    }
    PortEvent event = answer instanceof DonorAnswer.Accept ? PortEvent.DONOR_ACCEPTS : PortEvent.DONOR_REJECTS;
    Optional<Refused<Port>> moveRefusal = Guards.refusal(PortLifecycle.apply(port.state(), event));
    if (moveRefusal.isPresent()) {
      return moveRefusal.get();
    }
    Optional<Refused<Port>> badWarnings = Guards.warningProblem(answer.warnings());
    if (badWarnings.isPresent()) {
      return badWarnings.get();
    }
    if (answer instanceof DonorAnswer.Reject reject) {
      Optional<Refused<Port>> reasonRefusal = closedList.check(reject.donor(), port.id(), Optional.of(port.id()), port.msisdn(),
          parts.store().number(port.msisdn()), port.subscriberType(), reject.reason(), reject.evidence(), now);
      if (reasonRefusal.isPresent()) {
        return reasonRefusal.get();
      }
      Port rejected = port.answered(PortState.REJECTED_BY_DONOR, now, false, Optional.of(reject.reason()),
          reject.evidence(), reject.warnings()).ended(PortState.REJECTED_BY_DONOR, now, Map.of());
      if (!parts.store().transition(port, rejected)) {
        return refusedAfterRace(port, answer, event);
      }
      parts.memory().wrote(rejected);
      parts.events().publish(new DomainEvent.DonorAnswered(now, rejected, false));
      parts.events().publish(new DomainEvent.PortEnded(now, rejected));
      return Result.done(rejected);
    }
    Instant activationTime = parts.regime().activation().activationTime(now);
    parts.deadlines().add(new Deadline(activationTime, Deadline.Kind.ACTIVATION, port.id(), port.msisdn().toString()));
    Port accepted = port.answered(PortState.ACCEPTED, now, false, Optional.empty(), Map.of(), answer.warnings());
    if (!parts.store().transition(port, accepted)) {
      return refusedAfterRace(port, answer, event);
    }
    parts.memory().wrote(accepted);
    parts.events().publish(new DomainEvent.DonorAnswered(now, accepted, false));
    if (!answer.warnings().isEmpty()) {
      parts.events().publish(new DomainEvent.WarningsGiven(now, port.id(), answer.donor(), answer.warnings()));
    }
    return Result.done(activation.schedule(accepted, activationTime, now));
  }

  /**
   * Whether {@code answer} is the answer the donor gave the port already: its resend after an unknown outcome (a
   * timeout, a connection lost) is answered with the port as it is now, as a resend of a request with its
   * idempotency key gets the first outcome, and changes nothing. Any other answer to an answered port is refused.
   */
  private static boolean repeats(Port port, DonorAnswer answer) {
    if (port.deemed() || port.answeredAt().isEmpty() || !port.warnings().equals(answer.warnings())) {
      return false;
    }
    if (answer instanceof DonorAnswer.Reject reject) {
      return port.state() == PortState.REJECTED_BY_DONOR && port.reason().equals(Optional.of(reject.reason()))
          && port.evidence().equals(reject.evidence());
    }
    return port.reason().isEmpty();
  }

  /** The donor's deadline passed: a port still waiting for it is deemed accepted, and scheduled. */
  void onDeadline(Deadline deadline) {
    Optional<Port> found = parts.store().port(deadline.subject());
    Instant now = parts.now();
    if (found.isEmpty() || found.get().state() != PortState.PENDING_DONOR
        || now.isBefore(found.get().donorDeadline()) || parts.answerWaits(deadline, found.get().donorDeadline())) {
      return;
    }
    Port port = found.get();
    Instant activationTime = parts.regime().activation().activationTime(now);
    parts.deadlines().add(new Deadline(activationTime, Deadline.Kind.ACTIVATION, port.id(), port.msisdn().toString()));
    Port deemed = port.answered(PortLifecycle.next(port.state(), PortEvent.DONOR_DEADLINE_PASSED).orElseThrow(), now,
        true, Optional.empty(), Map.of(), List.of());
    if (parts.store().transition(port, deemed)) {
      parts.memory().wrote(deemed);
      parts.events().publish(new DomainEvent.DonorAnswered(now, deemed, true));
      activation.schedule(deemed, activationTime, now);
    }
  }

  /**
   * The donor was told of the port {@code delay} after the clearinghouse could have told it, while it was connected
   * (its notice waited on the clearinghouse: a flood, a slow database). The donor's time to answer is its own, not
   * the clearinghouse's (MIIT 2019 gives the donor the time to answer a request it has received), so its deadline
   * moves on by the delay, once per port. A delay of at most {@link PortingService#DONOR_TOLD_LATE} is ordinary
   * delivery and changes nothing.
   */
  Result<Port> extendForDelay(UUID portId, Duration delay) {
    Optional<Port> found = parts.memory().portIn(parts.store(), portId, PortState.PENDING_DONOR);
    if (found.isEmpty()) {
      return Guards.unknownPort(portId);
    }
    Port port = found.get();
    Instant original = port.submittedAt().plus(parts.regime().donorAnswer());
    if (port.state() != PortState.PENDING_DONOR || delay.compareTo(PortingService.DONOR_TOLD_LATE) <= 0
        || !port.donorDeadline().equals(original)) {
      return Result.done(port); // answered, deemed, on time, or extended once already
    }
    Instant moved = original.plusMillis(delay.toMillis());
    parts.deadlines().add(new Deadline(moved, Deadline.Kind.DONOR_ANSWER, port.id(), port.msisdn().toString()));
    Port extended = port.withDonorDeadline(moved);
    if (!parts.store().extendDeadline(port, extended)) {
      return Result.done(parts.store().port(portId).orElseThrow());
    }
    parts.memory().wrote(extended);
    parts.events().publish(new DomainEvent.DonorDeadlineExtended(parts.now(), extended, delay));
    return Result.done(extended);
  }

  /**
   * The port changed between the read and the write: answer from what it is now. An answer whose first sending
   * changed it (its outcome unknown to the donor, and to this instance's memory) is answered as a repeat.
   */
  private Result<Port> refusedAfterRace(Port port, DonorAnswer answer, PortEvent event) {
    Port now = parts.store().port(port.id()).orElseThrow();
    if (repeats(now, answer)) {
      return Result.done(now);
    }
    if (now.deemed()) {
      return Result.refused(RefusalCode.DEADLINE_PASSED, "the answer was due at " + port.donorDeadline()
          + "; silence is deemed acceptance");
    }
    Optional<Refused<Port>> refusal = Guards.refusal(PortLifecycle.apply(now.state(), event));
    return refusal.isPresent() ? refusal.get()
        : Result.refused(RefusalCode.NOT_ALLOWED_IN_STATE, "the port changed meanwhile; ask again");
  }
}
