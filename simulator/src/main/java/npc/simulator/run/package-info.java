/**
 * A run: plays the scenario's carriers over the real gateway with the carrier SDK (one client per carrier, each
 * with its own certificate), applies the decisions of {@link npc.simulator.carrier.Carrier}, records the truth and
 * the latencies, and reads the findings through the HTTP API. Depends on the client SDK and the simulator's own
 * packages; never on npc-core, audit or ops.
 */
package npc.simulator.run;
