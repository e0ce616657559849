package npc.simulator.score;

import npc.simulator.scenario.Tactic;

/**
 * A tactic a carrier used in the run.
 *
 * @param carrier the carrier
 * @param tactic the tactic
 */
public record Used(String carrier, Tactic tactic) {}
