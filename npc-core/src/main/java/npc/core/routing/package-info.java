/**
 * Routing: which carrier serves each ported number. Its core is {@link npc.core.routing.RoutingTable}, the
 * in-memory routing table, rebuilt from Cassandra at start and kept current from the change log, so that a lookup
 * never waits for the database.
 *
 * <p>The routing table and the two classes that hold its layout ({@code BlockIndex}, {@code Overlay}) depend on
 * nothing but the JDK.
 */
package npc.core.routing;
