/**
 * The regulator's reads of the clearinghouse over HTTP: ports by number, by carrier, state and period (paged), a
 * number's history in the audit record, the routing lookup, reports, and the audit export with its checkpoints and
 * public key. It reads through npc-core's and the audit's own query and export code and computes nothing of its own;
 * it changes nothing. A carrier's token sees only its own ports, and another carrier's are answered 404.
 */
package npc.ops.query;
