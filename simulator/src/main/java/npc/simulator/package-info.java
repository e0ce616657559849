/**
 * The simulator: synthetic carriers and subscribers, honest and obstructive, that drive the real gateway over TCP
 * and TLS through the client SDK and read results through the HTTP API. A black box to the clearinghouse: it
 * depends on the client SDK only, never on npc-core, audit or ops. Subpackages: {@code regime} (the built-in
 * regimes' data), {@code scenario} (the scenario file), {@code model} (the seeded population and demand),
 * {@code carrier} (each carrier's decisions), {@code score} (findings against the truth), {@code run} (a run over
 * the gateway).
 */
package npc.simulator;
