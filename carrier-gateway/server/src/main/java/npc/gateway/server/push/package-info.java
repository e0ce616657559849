/**
 * What the server pushes unasked, and how a carrier's acknowledgements move it on: the notices of the carrier's
 * durable outbox, and the shared routing log from the position the carrier resumes at. Whichever instance holds a
 * carrier's connection pushes from these, so a carrier connected to one instance hears what another produced, and
 * a crash between a write and its push loses nothing. Pushers write only while the channel is writable; a
 * carrier that stops reading is disconnected by {@link ConnectionGuard}, never waited for.
 */
package npc.gateway.server.push;
