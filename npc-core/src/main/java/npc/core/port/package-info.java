/**
 * The port request and its lifecycle: the states, the events that move a port between them, and the one table
 * that says which moves are allowed. Every state change of a port in npc goes through {@link
 * npc.core.port.PortLifecycle}. Depends on nothing else of npc.
 */
package npc.core.port;
