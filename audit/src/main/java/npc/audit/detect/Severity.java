package npc.audit.detect;

/**
 * How grave a finding is: {@code LOW} at the rule's threshold, {@code MEDIUM} from twice it, {@code HIGH} from four
 * times it ({@link Severity#of}). The count is of conduct, never of a rate, so severity grows only with what the
 * carrier did.
 */
public enum Severity {
  LOW, MEDIUM, HIGH;

  public static Severity of(long count, long threshold) {
    if (count >= 4 * threshold) {
      return HIGH;
    }
    return count >= 2 * threshold ? MEDIUM : LOW;
  }
}
