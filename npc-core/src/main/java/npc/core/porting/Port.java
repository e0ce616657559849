package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;
import java.util.TreeMap;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;

/**
 * A port as stored: who asked, who answered, and when each step happened. Optional steps are empty until they
 * happen.
 *
 * @param deemed true once the donor's silence past its deadline was deemed acceptance: recorded with the step, so
 *     that it stays known after the port moves on, and never inferred from the answer's time
 * @param laggards with {@link PortState#COMPLETED_WITH_LAGGARDS}: each carrier that had not recorded its facts by
 *     the deadline, with the facts it missed ({@link #ACK}, {@link #DEACTIVATED})
 * @param endReason why the port ended other than by its own steps: {@link #ROUTE_REVERSED}
 * @param reversalReference with {@link PortState#REVERSED}: the regulator's approval of the reversal
 */
public record Port(
    UUID id,
    Msisdn msisdn,
    String orderId,
    String channel,
    CarrierId recipient,
    CarrierId donor,
    SubscriberType subscriberType,
    PortState state,
    Instant submittedAt,
    Instant donorDeadline,
    Optional<Instant> answeredAt,
    boolean deemed,
    Optional<String> reason,
    Map<String, String> evidence,
    List<String> warnings,
    Optional<Instant> activationAt,
    Optional<Instant> activatedAt,
    Set<CarrierId> ackExpected,
    Optional<Instant> endedAt,
    Map<CarrierId, Set<String>> laggards,
    Optional<String> endReason,
    Optional<String> reversalReference) {

  /** A carrier's acknowledgement that its network routes the ported number to its new carrier. */
  public static final String ACK = "ACK";
  /** The donor's confirmation that it deactivated the subscriber on its network. */
  public static final String DEACTIVATED = "DEACTIVATED";
  /** The port was cancelled because a reversal gave the number's route back to another carrier than its donor. */
  public static final String ROUTE_REVERSED = "ROUTE_REVERSED";

  public Port {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(state, "state");
    evidence = Map.copyOf(evidence);
    warnings = List.copyOf(warnings);
    ackExpected = Set.copyOf(ackExpected);
    TreeMap<CarrierId, Set<String>> named = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    laggards.forEach((carrier, facts) -> named.put(carrier, Set.copyOf(facts)));
    laggards = Collections.unmodifiableMap(named);
  }

  /** A port that passed the clearinghouse's checks and waits for its donor until {@code donorDeadline}. */
  public static Port opened(UUID id, Msisdn msisdn, String orderId, String channel, CarrierId recipient,
      CarrierId donor, SubscriberType subscriberType, Instant submittedAt, Instant donorDeadline) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.PENDING_DONOR,
        submittedAt, donorDeadline, Optional.empty(), false, Optional.empty(), Map.of(), List.of(), Optional.empty(),
        Optional.empty(), Set.of(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
  }

  /** The donor's answer, or its silence deemed consent ({@code deemedAcceptance}). */
  public Port answered(PortState next, Instant at, boolean deemedAcceptance, Optional<String> reasonCode,
      Map<String, String> evidenceGiven, List<String> warningsGiven) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, next, submittedAt, donorDeadline,
        Optional.of(at), deemedAcceptance, reasonCode, evidenceGiven, warningsGiven, activationAt, activatedAt,
        ackExpected, endedAt, laggards, endReason, reversalReference);
  }

  public Port scheduled(Instant activation) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.SCHEDULED, submittedAt,
        donorDeadline, answeredAt, deemed, reason, evidence, warnings, Optional.of(activation), activatedAt,
        ackExpected, endedAt, laggards, endReason, reversalReference);
  }

  public Port activated(Instant at, Set<CarrierId> mustAcknowledge) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.ACTIVATED, submittedAt,
        donorDeadline, answeredAt, deemed, reason, evidence, warnings, activationAt, Optional.of(at), mustAcknowledge,
        endedAt, laggards, endReason, reversalReference);
  }

  /** The port ended in {@code next}, naming the laggards of a completion with laggards. */
  public Port ended(PortState next, Instant at, Map<CarrierId, Set<String>> named) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, next, submittedAt, donorDeadline,
        answeredAt, deemed, reason, evidence, warnings, activationAt, activatedAt, ackExpected, Optional.of(at), named,
        endReason, reversalReference);
  }

  /** Still waiting for its donor, with the donor's deadline moved to {@code deadline}. */
  public Port withDonorDeadline(Instant deadline) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, state, submittedAt, deadline,
        answeredAt, deemed, reason, evidence, warnings, activationAt, activatedAt, ackExpected, endedAt, laggards,
        endReason, reversalReference);
  }

  /** Cancelled for a reason other than the subscriber's wish, e.g. {@link #ROUTE_REVERSED}. */
  public Port cancelledBecause(String why, Instant at) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.CANCELLED, submittedAt,
        donorDeadline, answeredAt, deemed, reason, evidence, warnings, activationAt, activatedAt, ackExpected,
        Optional.of(at), laggards, Optional.of(why), reversalReference);
  }

  /** Reversed on the regulator's approval {@code reference}: the route goes back to the donor. */
  public Port reversed(Instant at, String reference) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.REVERSED, submittedAt,
        donorDeadline, answeredAt, deemed, reason, evidence, warnings, activationAt, activatedAt, ackExpected,
        Optional.of(at), laggards, endReason, Optional.of(reference));
  }
}
