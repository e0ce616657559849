package npc.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.porting.EligibilityQuery;
import npc.core.porting.Port;
import npc.core.porting.RejectionCode;
import npc.core.routing.RouteChange;

/** Something that happened, at a time the clock gave. */
public sealed interface DomainEvent {
  Instant at();

  /** A port passed the clearinghouse's checks and waits for its donor. Notify the donor. */
  record PortOpened(Instant at, Port port) implements DomainEvent {}

  /** The clearinghouse rejected a port before the donor saw it. */
  record PortRejectedByClearinghouse(Instant at, UUID portId, Msisdn msisdn, CarrierId recipient, RejectionCode code,
      String detail) implements DomainEvent {}

  /** The donor accepted, rejected (with reason and evidence), or stayed silent past its deadline (deemed). */
  record DonorAnswered(Instant at, Port port, boolean deemed) implements DomainEvent {}

  /**
   * The donor was told of the port late through the clearinghouse's own delay, so its deadline moved on by
   * {@code delay} (the port shows the new deadline).
   */
  record DonorDeadlineExtended(Instant at, Port port, Duration delay) implements DomainEvent {}

  record PortScheduled(Instant at, Port port) implements DomainEvent {}

  record PortActivated(Instant at, Port port) implements DomainEvent {}

  /** The port ended: completed (maybe with laggards), cancelled, rejected by the donor, or reversed. */
  record PortEnded(Instant at, Port port) implements DomainEvent {}

  /** A route changed and took a position in the routing log. Broadcast to every carrier. */
  record RouteChanged(Instant at, RouteChange change) implements DomainEvent {}

  /** A carrier acknowledged a routing change, or the donor confirmed it deactivated the subscriber. */
  record PortFactRecorded(Instant at, UUID portId, CarrierId carrier, String fact) implements DomainEvent {}

  record CodeIssued(Instant at, Msisdn msisdn, CarrierId donor, Instant expiresAt) implements DomainEvent {}

  record CodeExpired(Instant at, Msisdn msisdn) implements DomainEvent {}

  /**
   * A port request gave a code that does not match the number's code: the {@code mismatch}-th counted against that
   * code, recorded against the recipient that sent it so that the audit can count guessing; {@code voided} when it
   * reached the regime's limit and voided the code. A retry of the request is not another mismatch.
   *
   * @param portId the port the request would have opened; its answer is kept under this id
   */
  record CodeMismatch(Instant at, CarrierId recipient, UUID portId, Msisdn msisdn, int mismatch, boolean voided)
      implements DomainEvent {}

  /**
   * The number's code is void after {@code mismatches} mismatches, the last one sent by {@code recipient}: it opens
   * no port any more, its serving carrier was told, and a new code must be issued.
   */
  record CodeVoided(Instant at, Msisdn msisdn, CarrierId servingCarrier, CarrierId recipient, int mismatches)
      implements DomainEvent {}

  record EligibilityQueried(Instant at, EligibilityQuery query) implements DomainEvent {}

  record EligibilityAnswered(Instant at, EligibilityQuery query) implements DomainEvent {}

  record EligibilityExpired(Instant at, EligibilityQuery query) implements DomainEvent {}

  record NumberReturned(Instant at, Msisdn msisdn, CarrierId lastServing, CarrierId rangeHolder)
      implements DomainEvent {}

  /**
   * A carrier broke a rule in a way the clearinghouse could see at once: a reason off the closed list, or a
   * reason its own data contradicts. The request was refused; the audit keeps the violation as evidence.
   */
  record RuleViolation(Instant at, CarrierId carrier, Optional<UUID> portId, String rule, String detail)
      implements DomainEvent {}

  /** Carriers that had not recorded their facts about a route change by the deadline, with the facts they missed. */
  record LaggardsNamed(Instant at, UUID portId, Map<CarrierId, Set<String>> laggards) implements DomainEvent {}

  /** Warnings a donor attached without blocking the port. */
  record WarningsGiven(Instant at, UUID portId, CarrierId donor, List<String> warnings) implements DomainEvent {}

  /**
   * The gateway closed a carrier's connection for the carrier's own conduct: it did not read what was pushed
   * (SLOW_CONSUMER), or went silent. What it missed waits in its outbox and the routing log.
   */
  record CarrierDisconnected(Instant at, CarrierId carrier, String reason, String detail) implements DomainEvent {}
}
