/**
 * How a simulated carrier behaves, as pure decision functions: an honest carrier answers by its subscribers' truth,
 * after times drawn from its latencies; each tactic of the scenario changes some answers, at its rate, keyed by
 * the seed and the request so that a run is reproducible. The driver plays the decisions over the gateway; the
 * {@link npc.simulator.carrier.TruthLog} records every request a tactic touched, which the score reads. Depends on
 * the scenario, regime and model packages only: no network here.
 */
package npc.simulator.carrier;
