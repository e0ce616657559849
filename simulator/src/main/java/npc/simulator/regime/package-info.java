/**
 * The rules of a built-in regime as far as the simulator needs them: the carriers that take part, the closed list
 * of reasons (which a donor evidences, which the clearinghouse refutes) and the number blocks. Read from the same
 * regime files npc-core ships, copied into this module's resources at build time, so that the simulator depends on
 * the client SDK only and never on npc-core.
 */
package npc.simulator.regime;
