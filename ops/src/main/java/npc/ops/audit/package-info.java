/**
 * The audit record in the running service: the signing key ({@code npc.audit.key-file}, created on first start
 * beside the identity key, re-read every second, rotated by the operator's {@code POST /api/v1/audit/key/rotation}),
 * the record's store on the database's session, this instance's chain (a new one at every
 * start, checkpointed every {@code npc.audit.checkpoint.*} and closed with its last checkpoint on stop), the heads
 * checkpoint every {@code npc.audit.heads.interval}, and the findings round every
 * {@code npc.audit.findings.interval}. Knows the audit module and Micronaut; the core knows nothing of it.
 */
package npc.ops.audit;
