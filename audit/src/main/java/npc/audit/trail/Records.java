package npc.audit.trail;

import npc.audit.record.AuditRecord;
import npc.audit.record.Bytes32;
import npc.core.audit.AuditStep;

/** The record an entry holds, from the step the core reported: field for field, the kind as its name. */
final class Records {
  private Records() {}

  static AuditRecord of(AuditStep step) {
    return new AuditRecord(step.id(), step.at(), step.actor(), step.kind().name(), step.subject(), step.msisdn(),
        step.stateBefore(), step.stateAfter(), step.reason(), step.evidence(), step.deadline(),
        step.subscriber().map(Bytes32::ofHex));
  }
}
