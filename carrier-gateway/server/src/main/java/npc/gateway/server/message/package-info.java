/** Conversions between the core's types and the protocol's messages; no logic of their own. */
package npc.gateway.server.message;
