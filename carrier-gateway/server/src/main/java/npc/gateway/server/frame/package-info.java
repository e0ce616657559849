/**
 * Frames on the wire: a 4-byte big-endian length, then one serialized {@code Envelope}. The decoder refuses a
 * frame longer than its maximum before reading it (so a frame costs no more memory than the cap), and a frame
 * that is not an envelope; each refusal becomes a typed {@link npc.gateway.server.frame.FrameException}.
 * Depends on Netty and the protocol only.
 */
package npc.gateway.server.frame;
