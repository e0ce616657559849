/**
 * Numbers and number ranges: the {@link npc.core.numbering.Msisdn} value, the ranges each carrier holds (and
 * whether they are portable), and the number plan that parses and validates a number against those ranges.
 * Depends on the carrier ids only.
 */
package npc.core.numbering;
