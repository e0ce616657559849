/**
 * The scenario file (YAML, {@code format: 1}): its model and its strict loader. The format is a contract, documented
 * key by key in {@code simulator/docs/scenarios.md}; a key it does not know, a carrier the regime does not have, a
 * tactic or a reason it does not name is an error naming the line and the key. Depends on the regime package only.
 */
package npc.simulator.scenario;
