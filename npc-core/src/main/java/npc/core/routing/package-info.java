/**
 * The in-memory routing table: which carrier serves each ported number. It is rebuilt from Cassandra at start and
 * kept current from the change log, so that a lookup never waits for the database.
 *
 * <p>Depends on nothing but the JDK.
 */
package npc.core.routing;
