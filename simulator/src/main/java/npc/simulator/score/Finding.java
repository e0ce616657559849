package npc.simulator.score;

/**
 * What the score needs of one finding of the audit: whom it accuses, and by which rule.
 *
 * @param carrier the carrier the finding names
 * @param rule the audit rule's id ({@code ELIGIBILITY_CONTRADICTION})
 */
public record Finding(String carrier, String rule) {}
