/**
 * The export of the record as JSON Lines and its offline verifier: what a regulator is handed and checks with no
 * database and no running service ({@code audit/docs/format.md}). Depends on {@code npc.audit.record} and
 * {@code npc.audit.sign}, and on Jackson's streaming core for JSON; never on Cassandra.
 */
package npc.audit.export;
