/**
 * The carrier gateway's Netty server (to come): mutual TLS that proves the carrier's identity, a length-prefixed
 * frame decoder with a hard maximum, the hello handshake, one small handler per message type, per-connection
 * limits and durable push of notifications and routing updates. Calls npc-core's application service only;
 * depends on npc-core and the protocol, never on Micronaut.
 */
package npc.gateway.server;
