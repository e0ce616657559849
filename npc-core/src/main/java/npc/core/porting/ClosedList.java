package npc.core.porting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import npc.core.carrier.CarrierId;
import npc.core.event.DomainEvent;
import npc.core.numbering.Msisdn;
import npc.core.numbering.NumberRange;
import npc.core.regime.EvidenceCheck;
import npc.core.regime.RejectionReason;

/**
 * The closed list of rejection reasons (DESIGN.md section 3): a donor may refuse only for a reason on the regime's
 * list, allowed against this subscriber, not contradicted by the clearinghouse's own data, with evidence that holds
 * together. Every refusal of a reason by a rule is published as a violation, for the audit.
 */
final class ClosedList {
  private final PortingParts parts;
  private final ClearinghouseChecks checks;

  ClosedList(PortingParts parts, ClearinghouseChecks checks) {
    this.parts = parts;
    this.checks = checks;
  }

  /** Checks one reason a donor gives, for a port or an eligibility answer; empty when it may stand. */
  <T> Optional<Refused<T>> check(CarrierId donor, Optional<UUID> portId, Msisdn msisdn, NumberState state,
      SubscriberType subscriberType, String code, Map<String, String> evidence, Instant now) {
    Optional<RejectionReason> reason = parts.regime().reason(code);
    if (reason.isEmpty()) {
      return violation(donor, portId, now, RefusalCode.REASON_NOT_ON_LIST,
          "rejection reason " + code + " is not on the " + parts.regime().id() + " closed list",
          code + " is not on the closed list " + parts.regime().reasonsByCode().keySet()
              + "; send anything else as a warning");
    }
    if (subscriberType == SubscriberType.INDIVIDUAL && !reason.get().individuals()) {
      return violation(donor, portId, now, RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL,
          code + " cited against an individual's port", "the " + parts.regime().id()
              + " regime does not let a donor reject an individual's port for " + code);
    }
    if (portId.isPresent() && reason.get().refutedOnPort().entrySet().stream()
        .anyMatch(refuted -> refuted.getValue().equals(evidence.get(refuted.getKey())))) {
      return violation(donor, portId, now, RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE,
          code + " " + evidence + " cited against a port whose code matched the identity " + donor + " bound to it",
          "the port opened with a code that matched the identity you bound to it; " + code + " " + evidence
              + " contradicts that");
    }
    if (reason.get().clearinghouseVerifies() && !holds(code, msisdn, state, now)) {
      return violation(donor, portId, now, RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE,
          code + " cited for " + msisdn + ", which the clearinghouse's data contradicts",
          "the clearinghouse's data contradicts " + code + " for " + msisdn);
    }
    List<String> problems = EvidenceCheck.problems(reason.get(), evidence,
        LocalDate.ofInstant(now, parts.regime().zone()));
    if (!problems.isEmpty()) {
      String detail = code + ": " + String.join("; ", problems);
      return violation(donor, portId, now, RefusalCode.EVIDENCE_INVALID, detail, detail);
    }
    return Optional.empty();
  }

  /** Whether a reason the clearinghouse verifies from its own data holds for the number now. */
  private boolean holds(String code, Msisdn msisdn, NumberState state, Instant now) {
    NumberRange range = parts.regime().numbers().rangeOf(msisdn).orElseThrow();
    return switch (code) {
      case "LOCK_PERIOD" -> checks.inLockPeriod(state, now);
      case "NON_PORTABLE_RANGE" -> !range.portable();
      default -> throw new IllegalStateException("regime " + parts.regime().id() + " marks " + code
          + " as verified by the clearinghouse, which has no check for it");
    };
  }

  private <T> Optional<Refused<T>> violation(CarrierId donor, Optional<UUID> portId, Instant now, RefusalCode code,
      String recorded, String told) {
    parts.events().publish(new DomainEvent.RuleViolation(now, donor, portId, code.name(), recorded));
    return Optional.of(new Refused<>(code, told));
  }
}
