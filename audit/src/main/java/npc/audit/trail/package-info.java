/**
 * How the core's steps reach the record: {@link npc.audit.trail.ChainTrail} implements the core's
 * {@code npc.core.audit.AuditTrail} over this instance's chain and the intents table
 * ({@link npc.audit.trail.CassandraIntents}), and {@link npc.audit.trail.IntentSweeper} records the steps whose
 * instance stopped between their write and their entry. Depends on npc-core and the chain; the core never depends
 * on it.
 */
package npc.audit.trail;
