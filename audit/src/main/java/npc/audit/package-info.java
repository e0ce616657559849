/**
 * The audit (to come): a tamper-evident log of every message and transition (hash chain with signed
 * checkpoints), detectors that find delays and rejections pointing to obstruction, findings with evidence a
 * regulator can act on, and an offline verifier. Depends on npc-core; never on the gateway or Micronaut.
 */
package npc.audit;
