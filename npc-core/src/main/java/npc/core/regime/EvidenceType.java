package npc.core.regime;

/** What one field of a rejection's evidence must be, so that evidence that contradicts itself is caught. */
public enum EvidenceType {
  /** Free text, 1-200 characters (an agreement id, a case number). */
  TEXT,
  /** An amount in the smallest currency unit, greater than zero: an unpaid amount of zero is no reason. */
  POSITIVE_AMOUNT,
  /** A date ({@code yyyy-MM-dd}) today or earlier: something that has happened (suspended since...). */
  PAST_DATE,
  /** A date after today: something still in force (a binding term that ends later). */
  FUTURE_DATE,
  /** A month ({@code yyyy-MM}) before the current one: a billing period that has closed. */
  PAST_MONTH,
  /** One value of a fixed list given in the regime. */
  ONE_OF
}
