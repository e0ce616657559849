/**
 * Deadlines as rows: deemed acceptance, code expiry, activation time, routing acknowledgement and eligibility
 * answers. Any instance fires a due deadline; the conditional write on the port or query it concerns is the
 * claim, so a deadline is acted on once however many instances see it. Depends on the store and clock only.
 */
package npc.core.deadline;
