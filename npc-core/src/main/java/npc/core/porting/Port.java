package npc.core.porting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;
import npc.core.port.PortState;

/**
 * A port as stored: who asked, who answered, and when each step happened. Optional steps are empty until they
 * happen.
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
    Optional<String> reason,
    Map<String, String> evidence,
    List<String> warnings,
    Optional<Instant> activationAt,
    Optional<Instant> activatedAt,
    Set<CarrierId> ackExpected,
    Optional<Instant> endedAt,
    Set<CarrierId> laggards) {

  public Port {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(msisdn, "msisdn");
    Objects.requireNonNull(state, "state");
    evidence = Map.copyOf(evidence);
    warnings = List.copyOf(warnings);
    ackExpected = Set.copyOf(ackExpected);
    laggards = Set.copyOf(laggards);
  }

  /** The donor's answer, or deemed consent. */
  public Port answered(PortState next, Instant at, Optional<String> reasonCode, Map<String, String> evidenceGiven,
      List<String> warningsGiven) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, next, submittedAt, donorDeadline,
        Optional.of(at), reasonCode, evidenceGiven, warningsGiven, activationAt, activatedAt, ackExpected, endedAt,
        laggards);
  }

  public Port scheduled(Instant activation) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.SCHEDULED, submittedAt,
        donorDeadline, answeredAt, reason, evidence, warnings, Optional.of(activation), activatedAt, ackExpected,
        endedAt, laggards);
  }

  public Port activated(Instant at, Set<CarrierId> mustAcknowledge) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, PortState.ACTIVATED, submittedAt,
        donorDeadline, answeredAt, reason, evidence, warnings, activationAt, Optional.of(at), mustAcknowledge,
        endedAt, laggards);
  }

  public Port ended(PortState next, Instant at, Set<CarrierId> named) {
    return new Port(id, msisdn, orderId, channel, recipient, donor, subscriberType, next, submittedAt, donorDeadline,
        answeredAt, reason, evidence, warnings, activationAt, activatedAt, ackExpected, Optional.of(at), named);
  }
}
