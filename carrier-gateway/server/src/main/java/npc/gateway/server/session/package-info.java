/**
 * A carrier's session on a connection: the handshake that opens it (Hello first, within a deadline, on a version
 * both sides speak, for the carrier its client certificate proves) and what the session knows afterwards.
 * Depends on Netty, the protocol and npc-core's carrier ids.
 */
package npc.gateway.server.session;
