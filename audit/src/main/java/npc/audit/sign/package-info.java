/**
 * The record's signing key: Ed25519 from the JDK, its owner-only key file (re-read, and replaced by a rotation, in
 * {@link npc.audit.sign.AuditKeys}), the public key a regulator is given
 * (PEM or raw hex, named by its key id) and the signing of checkpoints and export statements over their canonical
 * encoding. Depends on {@code npc.audit.record} only.
 */
package npc.audit.sign;
