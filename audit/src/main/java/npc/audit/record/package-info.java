/**
 * The audit record's data and its canonical encoding: entries, chain heads, checkpoints, heads checkpoints and an
 * export's end statement, and the exact bytes that are hashed (SHA-256) and signed (Ed25519). Pure values: no
 * storage, no keys, no I/O. Depends on the JDK only, so that it reads like the format it implements
 * ({@code audit/docs/format.md}).
 */
package npc.audit.record;
