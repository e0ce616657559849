/**
 * Regimes: the rules of one country's number portability as data. A regime file sets the closed list of
 * reasons a donor may reject for and the evidence each needs, the checks the clearinghouse makes itself, and
 * the timers (eligibility answer, authorisation code, donor answer, activation, routing acknowledgement, lock).
 * {@code cn} is the default; {@code demo} is the same rules with timers in seconds; {@code in} is India's.
 * Depends on numbering and carriers only.
 */
package npc.core.regime;
