package npc.core.porting;

import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
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

  private final Refusals refusals;

  ClosedList(PortingParts parts, ClearinghouseChecks checks) {
    this.parts = parts;
    this.checks = checks;
    this.refusals = new Refusals(parts);
  }

  /**
   * Checks one reason a donor gives, for a port or an eligibility answer ({@code subject}: the port or query);
   * empty when it may stand. A refusal is recorded in the audit trail before it is returned.
   */
  <T> Optional<Refused<T>> check(CarrierId donor, UUID subject, Optional<UUID> portId, Msisdn msisdn,
      NumberState state, SubscriberType subscriberType, String code, Map<String, String> evidence, Instant now) {
    Optional<RejectionReason> reason = parts.regime().reason(code);
    if (reason.isEmpty()) {
      refusals.reason(AuditKind.REFUSED_OFF_LIST_REASON, donor, subject, msisdn, code, evidence,
          Map.of("refusal", RefusalCode.REASON_NOT_ON_LIST.name()), now);
      return violation(donor, portId, now, RefusalCode.REASON_NOT_ON_LIST,
          "rejection reason " + code + " is not on the " + parts.regime().id() + " closed list",
          code + " is not on the closed list " + parts.regime().reasonsByCode().keySet()
              + "; send anything else as a warning");
    }
    if (subscriberType == SubscriberType.INDIVIDUAL && !reason.get().individuals()) {
      refusals.reason(AuditKind.REFUSED_OFF_LIST_REASON, donor, subject, msisdn, code, evidence,
          Map.of("refusal", RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL.name()), now);
      return violation(donor, portId, now, RefusalCode.REJECTION_NOT_ALLOWED_FOR_INDIVIDUAL,
          code + " cited against an individual's port", "the " + parts.regime().id()
              + " regime does not let a donor reject an individual's port for " + code);
    }
    if (portId.isPresent() && reason.get().refutedOnPort().entrySet().stream()
        .anyMatch(refuted -> refuted.getValue().equals(evidence.get(refuted.getKey())))) {
      String matchedAt = parts.store().port(portId.get()).map(p -> AuditStep.instant(p.submittedAt())).orElse("");
      refusals.reason(AuditKind.REFUSED_REFUTED_CLAIM, donor, subject, msisdn, code, evidence,
          Map.of("refutedBy", "code", "codeMatchedAt", matchedAt), now);
      return violation(donor, portId, now, RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE,
          code + " " + evidence + " cited against a port whose code matched the identity " + donor + " bound to it",
          "the port opened with a code that matched the identity you bound to it; " + code + " " + evidence
              + " contradicts that");
    }
    if (reason.get().clearinghouseVerifies() && !holds(code, msisdn, state, now)) {
      refusals.reason(AuditKind.REFUSED_REFUTED_CLAIM, donor, subject, msisdn, code, evidence,
          refutingData(code, msisdn, state), now);
      return violation(donor, portId, now, RefusalCode.REASON_CONTRADICTED_BY_CLEARINGHOUSE,
          code + " cited for " + msisdn + ", which the clearinghouse's data contradicts",
          "the clearinghouse's data contradicts " + code + " for " + msisdn);
    }
    List<String> problems = EvidenceCheck.problems(reason.get(), evidence,
        LocalDate.ofInstant(now, parts.regime().zone()));
    if (!problems.isEmpty()) {
      String detail = code + ": " + String.join("; ", problems);
      refusals.reason(AuditKind.REFUSED_INVALID_EVIDENCE, donor, subject, msisdn, code, evidence,
          Map.of("refusal", RefusalCode.EVIDENCE_INVALID.name(), "failed", String.join("; ", problems)), now);
      return violation(donor, portId, now, RefusalCode.EVIDENCE_INVALID, detail, detail);
    }
    return Optional.empty();
  }

  /** The clearinghouse's data that refutes a reason it verifies, named for the record. */
  private Map<String, String> refutingData(String code, Msisdn msisdn, NumberState state) {
    NumberRange range = parts.regime().numbers().rangeOf(msisdn).orElseThrow();
    return switch (code) {
      case "LOCK_PERIOD" -> Map.of("refutedBy", "lastPortedAt",
          "lastPortedAt", state.lastPortedAt().map(AuditStep::instant).orElse("never"));
      case "NON_PORTABLE_RANGE" -> Map.of("refutedBy", "range", "range", range.prefix(),
          "holder", range.holder().value());
      default -> Map.of("refutedBy", code);
    };
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
