/**
 * Deadlines as rows: deemed acceptance, code expiry, activation time, routing acknowledgement and eligibility
 * answers; and how the live instances share them. The rows are cut into shards by subject, and each shard (with the
 * rows of earlier versions, one more unit) is leased to one instance at a time by conditional writes, so that in the
 * common case one instance reads and fires a row ({@link npc.core.deadline.DeadlineShare},
 * {@link npc.core.deadline.LeasePlan}). The conditional write on the port or query a deadline concerns stays the
 * claim, so a deadline acts once even when a takeover hands it to two instances. Depends on the store and clock
 * only.
 */
package npc.core.deadline;
