/**
 * The score of a run: the findings the clearinghouse's audit reported, held against the truth of what each carrier
 * did. Counted per distinct (carrier, rule) pair as issue 10 defines it; which rules evidence which tactic is data
 * ({@code tactic-rules.properties}). Reads the findings JSON of the HTTP API and the run's {@code truth.jsonl};
 * depends on the scenario package only (the tactic names).
 */
package npc.simulator.score;
