package npc.audit.detect;

/**
 * A carrier that showed the conduct a rule looks for, but on fewer occasions than the rule's minimum sample: the
 * detector says so rather than finding or clearing it.
 */
public record InsufficientData(String carrier, Rule rule, long sample, long minimum) {
  public String sentence() {
    return rule + " for " + carrier + ": insufficient data (" + sample + " of the " + minimum
        + " occasions the rule needs)";
  }
}
