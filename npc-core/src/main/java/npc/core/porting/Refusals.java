package npc.core.porting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import npc.core.audit.AuditKind;
import npc.core.audit.AuditStep;
import npc.core.carrier.CarrierId;
import npc.core.numbering.Msisdn;

/**
 * The audit entries of refusals by a rule ({@code audit/docs/detectors.md}, the {@code REFUSED_*} kinds): each is
 * recorded, and durable, before the refused carrier hears the answer, so a refusal a carrier was told of is in the
 * record. A refusal changes nothing, so it has no intent and no step row: its entry is its whole trace.
 */
final class Refusals {
  private final PortingParts parts;

  Refusals(PortingParts parts) {
    this.parts = parts;
  }

  /**
   * A reason refused by the closed list: off the list (or not allowed against this subscriber), refuted by the
   * clearinghouse's own data, or with evidence that fails its rules. {@code facts} is what the kind adds to the
   * evidence the carrier sent ({@code refusal}, {@code failed}, {@code refutedBy} and the refuting data).
   */
  void reason(AuditKind kind, CarrierId donor, UUID subject, Msisdn msisdn, String code, Map<String, String> sent,
      Map<String, String> facts, Instant at) {
    parts.audit().record(step(kind, donor, subject, msisdn, at).withReason(code).withAll(sent).withAll(facts));
  }

  /** A carrier acted on a port or query it is not a party to (not its donor, not its recipient). */
  void notAParty(CarrierId carrier, UUID subject, Msisdn msisdn, RefusalCode code, Instant deadline) {
    parts.audit().record(step(AuditKind.REFUSED_NOT_A_PARTY, carrier, subject, msisdn, parts.now())
        .withReason(code.name()).withDeadline(deadline));
  }

  /** A donor answered after its deadline had passed. */
  void afterDeadline(CarrierId carrier, UUID subject, Msisdn msisdn, Instant deadline) {
    parts.audit().record(step(AuditKind.REFUSED_AFTER_DEADLINE, carrier, subject, msisdn, parts.now())
        .withReason(RefusalCode.DEADLINE_PASSED.name()).withDeadline(deadline));
  }

  private static AuditStep step(AuditKind kind, CarrierId carrier, UUID subject, Msisdn msisdn, Instant at) {
    return AuditStep.of(UUID.randomUUID(), kind, at).about(subject.toString(), msisdn.toString()).withActor(carrier);
  }
}
