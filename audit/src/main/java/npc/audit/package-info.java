/**
 * The audit: a tamper-evident record of every applied step, refusal and disconnection for conduct (hash chains per
 * instance, Ed25519 checkpoints, a JSON Lines export a regulator verifies offline), the detectors that find
 * obstruction in it ({@code npc.audit.detect}), the findings kept from rounds of them ({@code npc.audit.findings}) and the reports ({@code npc.audit.report}). The plan is in the module's README. Depends on npc-core
 * (its storage and schema machinery); never on the gateway or Micronaut.
 */
package npc.audit;
