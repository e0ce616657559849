/**
 * Chains: one per running instance, appended to with plain writes, checkpointed and covered by heads checkpoints;
 * the rotation of the signing key, recorded in a chain ({@link npc.audit.chain.KeyRotation}); and the store interface the record is kept behind. Depends on {@code npc.audit.record} and {@code npc.audit.sign};
 * the Cassandra implementation is in {@code npc.audit.store}.
 */
package npc.audit.chain;
