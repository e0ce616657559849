/**
 * What the core tells the audit record: the {@link npc.core.audit.AuditTrail} the core owns (as it owns its
 * outbox), the {@link npc.core.audit.AuditStep} it hands over, the kinds of entry, and the store decorator that
 * calls the trail around each conditional write ({@link npc.core.audit.AuditingPortStore}). Depends on the domain
 * only, and on {@link npc.core.storage.SendAfter} (no Cassandra type) to have a step's write sent once its intent is
 * durable: the record itself (chains, signatures, intents) lives in the audit module, which depends on this package,
 * never the other way.
 */
package npc.core.audit;
