package npc.core.audit;

import java.util.Optional;

/**
 * Whether a step whose intent was left open applied: its id is on its {@link StepRow} (or, for a fact written once,
 * the row exists). What a sweep asks for each open intent, so that it records the steps that applied and only those.
 */
public interface AppliedSteps {
  /**
   * The step as it applied (with what is known only after its write, as a route change's log position), or empty if
   * its write never applied.
   */
  Optional<AuditStep> applied(AuditStep intended);
}
