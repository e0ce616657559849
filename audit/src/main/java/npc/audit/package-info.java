/**
 * The audit: a tamper-evident record of every applied step, refusal and disconnection for conduct (hash chains per
 * instance, Ed25519 checkpoints, a JSON Lines export a regulator verifies offline), and, to come, the detectors that
 * find obstruction in it, their findings and the reports. The plan is in the module's README. Depends on npc-core
 * (its storage and schema machinery); never on the gateway or Micronaut.
 */
package npc.audit;
